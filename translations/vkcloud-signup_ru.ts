<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU" sourcelanguage="en">
<context>
    <name>AccountPage</name>
    <message>
        <source>Create your account</source>
        <translation>Создайте аккаунт</translation>
    </message>
    <message>
        <source>Your work email is your sign-in name. All fields are required.</source>
        <translation>Адрес рабочей почты станет вашим логином. Заполните все поля.</translation>
    </message>
    <message>
        <source>Work &amp;email:</source>
        <translation>Рабочая &amp;почта:</translation>
    </message>
    <message>
        <source>Work email</source>
        <translation>Рабочая почта</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>name@company.com</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>П&amp;оказать</translation>
    </message>
    <message>
        <source>Show password</source>
        <translation>Показать пароль</translation>
    </message>
    <message>
        <source>Password rules</source>
        <translation>Требования к паролю</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>Р&amp;егион:</translation>
    </message>
    <message>
        <source>&amp;Use it</source>
        <translation>&amp;Исправить</translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <source>Link a bank card</source>
        <translation>Привяжите банковскую карту</translation>
    </message>
    <message>
        <source>The card pays for the services you use. A small test amount checks that it works.</source>
        <translation>С карты оплачиваются сервисы, которыми вы пользуетесь. Для проверки с карты спишется небольшая тестовая сумма.</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Карта</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Номер карты</translation>
    </message>
    <message>
        <source>0000 0000 0000 0000</source>
        <translation>0000 0000 0000 0000</translation>
    </message>
    <message>
        <source>Payment system</source>
        <translation>Платёжная система</translation>
    </message>
    <message>
        <source>Valid thru, month and year</source>
        <translation>Срок действия, месяц и год</translation>
    </message>
    <message>
        <source>MM/YY</source>
        <translation>ММ/ГГ</translation>
    </message>
    <message>
        <source>C&amp;VC:</source>
        <translation>К&amp;од CVC:</translation>
    </message>
    <message>
        <source>CVC, the three digits on the back of the card</source>
        <translation>CVC, три цифры на обороте карты</translation>
    </message>
    <message>
        <source>&amp;Add card</source>
        <translation>&amp;Привязать карту</translation>
    </message>
    <message>
        <source>Autopayment</source>
        <translation>Автоплатёж</translation>
    </message>
    <message>
        <source>Optional: top up the balance from the linked card when it runs low, so your services are never stopped.</source>
        <translation>По желанию: баланс пополняется с привязанной карты, когда подходит к концу, — и сервисы не останавливаются.</translation>
    </message>
    <message>
        <source>&amp;Top up automatically</source>
        <translation>Пополнять &amp;автоматически</translation>
    </message>
    <message>
        <source>When the balance falls &amp;below:</source>
        <translation>Если баланс ни&amp;же:</translation>
    </message>
    <message>
        <source>Balance threshold</source>
        <translation>Порог баланса</translation>
    </message>
    <message>
        <source>Top-up amount</source>
        <translation>Сумма пополнения</translation>
    </message>
    <message>
        <source>&amp;Save autopayment settings</source>
        <translation>Сохранить &amp;настройки автоплатежа</translation>
    </message>
    <message>
        <source>Card n&amp;umber:</source>
        <translation>&amp;Номер карты:</translation>
    </message>
    <message>
        <source>Valid &amp;thru (MM/YY):</source>
        <translation>Срок дейст&amp;вия (ММ/ГГ):</translation>
    </message>
    <message>
        <source>Open the bank&apos;s &amp;page again</source>
        <translation>Снова открыть страницу &amp;банка</translation>
    </message>
    <message>
        <source>Top up b&amp;y:</source>
        <translation>Сумма по&amp;полнения:</translation>
    </message>
    <message>
        <source>3 digits</source>
        <translation>3 цифры</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Your services are activated</source>
        <translation>Сервисы активированы</translation>
    </message>
    <message>
        <source>The registration is complete. Welcome to VK Cloud!</source>
        <translation>Регистрация завершена. Добро пожаловать в VK Cloud!</translation>
    </message>
    <message>
        <source>&amp;Open the management console</source>
        <translation>&amp;Открыть личный кабинет</translation>
    </message>
    <message>
        <source>&lt;b&gt;What&apos;s next&lt;/b&gt;</source>
        <translation>&lt;b&gt;Что дальше&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>EmailPage</name>
    <message>
        <source>Confirm your email</source>
        <translation>Подтвердите адрес электронной почты</translation>
    </message>
    <message>
        <source>Open the email we sent you and follow the link in it. This page moves on by itself.</source>
        <translation>Откройте письмо, которое мы отправили, и перейдите по ссылке из него. Мастер перейдёт к следующему шагу автоматически.</translation>
    </message>
    <message>
        <source>Waiting for you to follow the link…</source>
        <translation>Ждём, когда вы перейдёте по ссылке…</translation>
    </message>
    <message>
        <source>&amp;Send confirmation again</source>
        <translation>&amp;Отправить письмо ещё раз</translation>
    </message>
    <message>
        <source>C&amp;hange email (there is a typo)</source>
        <translation>&amp;Изменить адрес (в нём опечатка)</translation>
    </message>
    <message>
        <source>New email address</source>
        <translation>Новый адрес электронной почты</translation>
    </message>
    <message>
        <source>New &amp;email:</source>
        <translation>Новый &amp;адрес:</translation>
    </message>
    <message>
        <source>New email</source>
        <translation>Новый адрес электронной почты</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>name@company.com</translation>
    </message>
    <message>
        <source>Send to &amp;this address</source>
        <translation>Отправить на &amp;этот адрес</translation>
    </message>
    <message>
        <source>Check n&amp;ow</source>
        <translation>&amp;Проверить сейчас</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>Отм&amp;ена</translation>
    </message>
</context>
<context>
    <name>InvitationPage</name>
    <message>
        <source>Join a project by invitation</source>
        <translation>Присоединение к проекту по приглашению</translation>
    </message>
    <message>
        <source>A colleague invited you to work in their VK Cloud project.</source>
        <translation>Коллега приглашает вас в свой проект VK Cloud.</translation>
    </message>
    <message>
        <source>Invitation &amp;link:</source>
        <translation>Ссы&amp;лка из приглашения:</translation>
    </message>
    <message>
        <source>Invitation link</source>
        <translation>Ссылка из приглашения</translation>
    </message>
    <message>
        <source>The invitation</source>
        <translation>Приглашение</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>Проект:</translation>
    </message>
    <message>
        <source>Your roles:</source>
        <translation>Ваши роли:</translation>
    </message>
    <message>
        <source>Invited by:</source>
        <translation>Кто пригласил:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Действует до:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Почта:</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Почта</translation>
    </message>
    <message>
        <source>The invited address; it cannot be changed.</source>
        <translation>Адрес, на который пришло приглашение; изменить его нельзя.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Paste the link from the invitation email</source>
        <translation>Вставьте ссылку из письма с приглашением</translation>
    </message>
</context>
<context>
    <name>MessageArea</name>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Get help (F1)</source>
        <translation>Поддержка (F1)</translation>
    </message>
    <message>
        <source>Copy diagnostics</source>
        <translation>Скопировать диагностику</translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <source>Confirm your phone</source>
        <translation>Подтвердите номер телефона</translation>
    </message>
    <message>
        <source>You will call a number from your phone and key in the digits a robot dictates. The call is free.</source>
        <translation>Позвоните со своего телефона на указанный номер и наберите цифры, которые продиктует робот. Звонок бесплатный.</translation>
    </message>
    <message>
        <source>&amp;Mobile phone:</source>
        <translation>&amp;Мобильный телефон:</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Мобильный телефон</translation>
    </message>
    <message>
        <source>+7 912 345-67-89</source>
        <translation>+7 912 345-67-89</translation>
    </message>
    <message>
        <source>Now call us from this phone</source>
        <translation>Теперь позвоните нам с этого телефона</translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation>Номер для звонка</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>Попробовать &amp;ещё раз</translation>
    </message>
    <message>
        <source>Your phone is confirmed.</source>
        <translation>Номер телефона подтверждён.</translation>
    </message>
    <message>
        <source>C&amp;onfirm</source>
        <translation>&amp;Подтвердить</translation>
    </message>
    <message>
        <source>&amp;Use another number</source>
        <translation>Указать друг&amp;ой номер</translation>
    </message>
</context>
<context>
    <name>SandboxToolsPanel</name>
    <message>
        <source>Inbox</source>
        <translation>Входящие</translation>
    </message>
    <message>
        <source>Emails sent to you</source>
        <translation>Письма, отправленные вам</translation>
    </message>
    <message>
        <source>Email text</source>
        <translation>Текст письма</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Does what clicking the link in the email does: confirms the address.</source>
        <translation>Делает то же, что переход по ссылке из письма: подтверждает адрес.</translation>
    </message>
    <message>
        <source>Follow the link</source>
        <translation>Перейти по ссылке</translation>
    </message>
    <message>
        <source>Your phone</source>
        <translation>Ваш телефон</translation>
    </message>
    <message>
        <source>Call &amp;from:</source>
        <translation>Звонить &amp;с номера:</translation>
    </message>
    <message>
        <source>Call from</source>
        <translation>Звонить с номера</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Позвонить</translation>
    </message>
    <message>
        <source>&amp;Keypad:</source>
        <translation>&amp;Клавиатура:</translation>
    </message>
    <message>
        <source>Digits to key</source>
        <translation>Цифры для набора</translation>
    </message>
    <message>
        <source>Send tones</source>
        <translation>Набрать в тоновом режиме</translation>
    </message>
    <message>
        <source>Test cards (double-click to fill)</source>
        <translation>Тестовые карты (дважды щёлкните, чтобы заполнить)</translation>
    </message>
    <message>
        <source>Test cards</source>
        <translation>Тестовые карты</translation>
    </message>
    <message>
        <source>Bank: approve</source>
        <translation>Банк: одобрить</translation>
    </message>
    <message>
        <source>Bank: decline</source>
        <translation>Банк: отклонить</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to VK Cloud</source>
        <translation>Добро пожаловать в VK Cloud</translation>
    </message>
    <message>
        <source>Four short steps: an account, your email, your phone and a bank card. Then your services are activated.</source>
        <translation>Всего четыре шага: аккаунт, адрес электронной почты, номер телефона и банковская карта. После этого сервисы будут активированы.</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Подключение к серверу…</translation>
    </message>
    <message>
        <source>C&amp;ontinue a registration I started earlier</source>
        <translation>Продолжить начатую ре&amp;гистрацию</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Почта:</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Почта</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>name@company.com</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>&lt;b&gt;Joining a colleague&apos;s project?&lt;/b&gt; You do not need to register here: ask the project owner to invite you, then follow the link in the invitation email. &lt;a href=&quot;https://cloud.vk.com/docs/en/tools-for-using-services/account/instructions/project-settings/access-manage&quot;&gt;How invitations work&lt;/a&gt;</source>
        <translation>&lt;b&gt;Хотите присоединиться к проекту коллеги?&lt;/b&gt; Регистрироваться здесь не нужно: попросите владельца проекта пригласить вас и перейдите по ссылке из письма-приглашения. &lt;a href=&quot;https://cloud.vk.com/docs/ru/tools-for-using-services/account/instructions/project-settings/access-manage&quot;&gt;Как работают приглашения&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Create a ne&amp;w account</source>
        <translation>Создать новый &amp;аккаунт</translation>
    </message>
    <message>
        <source>I have an &amp;invitation to a project</source>
        <translation>У меня есть пр&amp;иглашение в проект</translation>
    </message>
    <message>
        <source>Invitation &amp;link:</source>
        <translation>Ссы&amp;лка из приглашения:</translation>
    </message>
    <message>
        <source>Invitation link</source>
        <translation>Ссылка из приглашения</translation>
    </message>
    <message>
        <source>Paste the link from the invitation email</source>
        <translation>Вставьте ссылку из письма с приглашением</translation>
    </message>
</context>
<context>
    <name>signup::AccountPage</name>
    <message>
        <source>Create &amp;account</source>
        <translation>Создать &amp;аккаунт</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>Скр&amp;ыть</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>П&amp;оказать</translation>
    </message>
    <message>
        <source>This looks like a personal mailbox. For a company account a work address is better: your colleagues can take over the account if you leave.</source>
        <translation>Похоже, это личный почтовый ящик. Для аккаунта компании лучше указать рабочий адрес: если вы уйдёте из компании, коллеги смогут продолжить работу с аккаунтом.</translation>
    </message>
    <message>
        <source>You are typing Cyrillic letters: switch the keyboard layout to English (Latin).</source>
        <translation>Вы вводите кириллицу: переключите раскладку клавиатуры на английскую.</translation>
    </message>
    <message>
        <source>Moscow: only a Russian mobile number (+7, Russia) can be confirmed. Payments in roubles.</source>
        <translation>Москва: подтвердить можно только российский мобильный номер (+7, Россия). Оплата в рублях.</translation>
    </message>
    <message>
        <source>Kazakhstan: any mobile number can be confirmed. Payments in tenge; Visa and Mastercard cards only; no autopayment.</source>
        <translation>Казахстан: подтвердить можно любой мобильный номер. Оплата в тенге; только карты Visa и Mastercard; без автоплатежа.</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>Создаём аккаунт…</translation>
    </message>
    <message>
        <source>&amp;Sign in instead</source>
        <translation>&amp;Войти с этим адресом</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Возможно, вы имели в виду %1?</translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation>Исправить на %1</translation>
    </message>
</context>
<context>
    <name>signup::CardPage</name>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>To check the card, &lt;b&gt;%1&lt;/b&gt; will be debited from it and credited to the project&apos;s balance: the money stays yours and pays for your first services.</source>
        <translation>Для проверки с карты спишется &lt;b&gt;%1&lt;/b&gt;. Эта сумма поступит на баланс проекта: деньги останутся вашими и пойдут на оплату первых сервисов.</translation>
    </message>
    <message>
        <source>Accepted cards: %1.</source>
        <translation>Принимаются карты: %1.</translation>
    </message>
    <message>
        <source>Payment system not recognised yet</source>
        <translation>Платёжная система пока не определена</translation>
    </message>
    <message>
        <source>%1 cards are not accepted here. Use a card of: %2.</source>
        <translation>Карты %1 здесь не принимаются. Подойдут карты: %2.</translation>
    </message>
    <message>
        <source>This number has a typo: check it against the card.</source>
        <translation>В номере опечатка: сверьте его с картой.</translation>
    </message>
    <message>
        <source>Cards of this payment system are not accepted. Use a card of: %1.</source>
        <translation>Карты этой платёжной системы не принимаются. Подойдут карты: %1.</translation>
    </message>
    <message>
        <source>Check the card number: it is incomplete or has a typo.</source>
        <translation>Проверьте номер карты: он введён не полностью или с опечаткой.</translation>
    </message>
    <message>
        <source>Enter the month and year printed on the card as MM/YY, for example 08/29.</source>
        <translation>Введите месяц и год, указанные на карте, в формате ММ/ГГ, например 08/29.</translation>
    </message>
    <message>
        <source>Enter the three digits printed on the back of the card.</source>
        <translation>Введите три цифры с оборота карты.</translation>
    </message>
    <message>
        <source>Your %1 card •••• %2 is linked. %3 has been credited to the project&apos;s balance.</source>
        <translation>Карта %1 •••• %2 привязана. На баланс проекта зачислено %3.</translation>
    </message>
    <message>
        <source>Debiting the test amount… This takes a few seconds.</source>
        <translation>Списываем тестовую сумму… Это займёт несколько секунд.</translation>
    </message>
    <message>
        <source>Your bank asks you to confirm the payment. Its page is open in your browser: confirm there (usually with a code from an SMS). This page notices the bank&apos;s answer by itself.</source>
        <translation>Банк просит подтвердить платёж. Страница банка открыта в браузере: подтвердите платёж там (обычно кодом из SMS). Мастер сам узнает ответ банка.</translation>
    </message>
    <message>
        <source>The card •••• %1 was not linked. %2</source>
        <translation>Карта •••• %1 не привязана. %2</translation>
    </message>
    <message>
        <source>Autopayment is not available in the Kazakhstan region. You can top up the balance in the management console.</source>
        <translation>В регионе Казахстан автоплатёж недоступен. Пополнить баланс можно в личном кабинете.</translation>
    </message>
    <message>
        <source>Autopayment is not available for UnionPay cards. You can top up the balance in the management console, or link another card there.</source>
        <translation>Для карт UnionPay автоплатёж недоступен. Пополнить баланс или привязать другую карту можно в личном кабинете.</translation>
    </message>
    <message>
        <source>Link a card first (on the Card tab); then you can turn on autopayment here.</source>
        <translation>Сначала привяжите карту (на вкладке «Карта»), затем здесь можно будет включить автоплатёж.</translation>
    </message>
    <message>
        <source>Autopayment is on.</source>
        <translation>Автоплатёж включён.</translation>
    </message>
    <message>
        <source>Autopayment is off.</source>
        <translation>Автоплатёж выключен.</translation>
    </message>
    <message>
        <source>Your bank asks you to confirm the payment, but its page could not be opened in your browser. Open the address shown at the top of the window and confirm there (usually with a code from an SMS). This page notices the bank&apos;s answer by itself.</source>
        <translation>Банк просит подтвердить платёж, но открыть его страницу в браузере не удалось. Откройте адрес, показанный вверху окна, и подтвердите платёж там (обычно кодом из SMS). Мастер сам узнает ответ банка.</translation>
    </message>
    <message>
        <source>Your bank asks you to confirm the payment. Opening its page in your browser…</source>
        <translation>Банк просит подтвердить платёж. Открываем страницу банка в браузере…</translation>
    </message>
    <message>
        <source>Card and autopayment</source>
        <translation>Карта и автоплатёж</translation>
    </message>
    <message>
        <source>Linked card: %1</source>
        <translation>Привязанная карта: %1</translation>
    </message>
    <message>
        <source>From %1 to %2.</source>
        <translation>От %1 до %2.</translation>
    </message>
    <message>
        <source>%1: enter the amount in digits, for example %2.</source>
        <translation>%1: введите сумму цифрами, например %2.</translation>
    </message>
    <message>
        <source>%1: at most two digits after the decimal separator.</source>
        <translation>%1: не больше двух цифр после запятой.</translation>
    </message>
    <message>
        <source>%1: the amount cannot be negative.</source>
        <translation>%1: сумма не может быть отрицательной.</translation>
    </message>
    <message>
        <source>%1: enter an amount from %2 to %3.</source>
        <translation>%1: введите сумму от %2 до %3.</translation>
    </message>
</context>
<context>
    <name>signup::DonePage</name>
    <message>
        <source>Your project: %1 (%2)</source>
        <translation>Ваш проект: %1 (%2)</translation>
    </message>
    <message>
        <source>Your project is being created…</source>
        <translation>Проект создаётся…</translation>
    </message>
    <message>
        <source>Balance: %1, the test amount from your card.</source>
        <translation>Баланс: %1 — тестовая сумма с вашей карты.</translation>
    </message>
    <message>
        <source>Sign-up bonus: %1, valid until %2.</source>
        <translation>Приветственный бонус: %1 (действует до %2 года).</translation>
    </message>
    <message>
        <source>Work as a legal entity: switch the account to your company</source>
        <translation>Работа от имени юрлица: как перевести аккаунт на компанию</translation>
    </message>
    <message>
        <source>Quotas and limits</source>
        <translation>Квоты и лимиты</translation>
    </message>
    <message>
        <source>Payment methods and topping up the balance</source>
        <translation>Способы оплаты и пополнение баланса</translation>
    </message>
    <message>
        <source>Invite colleagues and manage access</source>
        <translation>Пригласить коллег и управлять доступом</translation>
    </message>
    <message>
        <source>Create your first virtual machine</source>
        <translation>Создать первую виртуальную машину</translation>
    </message>
    <message>
        <source>Create a Kubernetes cluster</source>
        <translation>Создать кластер Kubernetes</translation>
    </message>
    <message>
        <source>Create a database</source>
        <translation>Создать базу данных</translation>
    </message>
    <message>
        <source>You have joined the project</source>
        <translation>Вы вступили в проект</translation>
    </message>
    <message>
        <source>Your account is ready: you can work in the project now.</source>
        <translation>Аккаунт готов: можно работать в проекте.</translation>
    </message>
    <message>
        <source>Project: %1 (%2)</source>
        <translation>Проект: %1 (%2)</translation>
    </message>
    <message>
        <source>Your roles: %1.</source>
        <translation>Ваши роли: %1.</translation>
    </message>
</context>
<context>
    <name>signup::EmailPage</name>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>Your email is confirmed.</source>
        <translation>Адрес электронной почты подтверждён.</translation>
    </message>
    <message>
        <source>Waiting for you to follow the link…</source>
        <translation>Ждём, когда вы перейдёте по ссылке…</translation>
    </message>
    <message>
        <source>Send again in %1:%2</source>
        <translation>Отправить ещё раз через %1:%2</translation>
    </message>
    <message>
        <source>&amp;Send confirmation again</source>
        <translation>&amp;Отправить письмо ещё раз</translation>
    </message>
    <message>
        <source>A new email is on its way to %1. Links in older emails no longer work.</source>
        <translation>Новое письмо отправлено на адрес %1. Ссылки из прежних писем больше не действуют.</translation>
    </message>
    <message>
        <source>The address is changed. A new email is on its way to %1.</source>
        <translation>Адрес изменён. Новое письмо отправлено на адрес %1.</translation>
    </message>
    <message>
        <source>Send the confirmation email again</source>
        <translation>Отправить письмо с подтверждением ещё раз</translation>
    </message>
    <message>
        <source>Available in less than a minute.</source>
        <translation>Будет доступно меньше чем через минуту.</translation>
    </message>
    <message numerus="yes">
        <source>Available in %n minutes.</source>
        <translation>
            <numerusform>Будет доступно через %n минуту.</numerusform>
            <numerusform>Будет доступно через %n минуты.</numerusform>
            <numerusform>Будет доступно через %n минут.</numerusform>
        </translation>
    </message>
    <message>
        <source>We sent the email “%1” to &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>Мы отправили письмо «%1» на адрес &lt;b&gt;%2&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>We sent the email “%1” to %2.</source>
        <translation>Мы отправили письмо «%1» на адрес %2.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not in Inbox?&lt;/b&gt; Check the Spam or Junk folder: the email comes from VK Cloud with the subject “%1”. If it is not there either, send it again or check the address.</source>
        <translation>&lt;b&gt;Нет во «Входящих»?&lt;/b&gt; Проверьте папку «Спам»: письмо приходит от VK Cloud с темой «%1». Если его нет и там, отправьте письмо ещё раз или проверьте адрес.</translation>
    </message>
</context>
<context>
    <name>signup::InvitationPage</name>
    <message>
        <source>Opening the invitation…</source>
        <translation>Открываем приглашение…</translation>
    </message>
    <message>
        <source>Joining the project…</source>
        <translation>Добавляем вас в проект…</translation>
    </message>
    <message>
        <source>project administrator</source>
        <translation>администратор проекта</translation>
    </message>
    <message>
        <source>project member</source>
        <translation>участник проекта</translation>
    </message>
    <message>
        <source>viewer (read only)</source>
        <translation>наблюдатель (только просмотр)</translation>
    </message>
    <message>
        <source>billing administrator</source>
        <translation>администратор биллинга</translation>
    </message>
    <message>
        <source>network administrator</source>
        <translation>администратор сети</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Новый пароль</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Paste the link from the invitation email.</source>
        <translation>Вставьте ссылку из письма с приглашением.</translation>
    </message>
    <message>
        <source>&amp;Open the invitation</source>
        <translation>&amp;Открыть приглашение</translation>
    </message>
    <message>
        <source>Choose a password for your new account. Your email is confirmed by the invitation: no phone or card is needed to work in this project.</source>
        <translation>Придумайте пароль для нового аккаунта. Почта уже подтверждена приглашением: для работы в этом проекте не нужны ни телефон, ни карта.</translation>
    </message>
    <message>
        <source>&amp;Join the project</source>
        <translation>&amp;Вступить в проект</translation>
    </message>
    <message>
        <source>You are signed in as %1, but this invitation is for %2. Sign in as %2 to accept it.</source>
        <translation>Вы вошли как %1, а приглашение отправлено на %2. Чтобы принять его, войдите как %2.</translation>
    </message>
    <message>
        <source>You already have an account with this address. Sign in to accept the invitation.</source>
        <translation>У вас уже есть аккаунт с этим адресом. Войдите, чтобы принять приглашение.</translation>
    </message>
    <message>
        <source>Sign in and &amp;join</source>
        <translation>Войти и &amp;вступить</translation>
    </message>
    <message>
        <source>You are signed in as %1.</source>
        <translation>Вы вошли как %1.</translation>
    </message>
    <message>
        <source>You have joined the project.</source>
        <translation>Вы вступили в проект.</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>This is not an invitation link. Copy the whole link from the invitation email: it looks like https://cloud.vk.com/invite/…</source>
        <translation>Это не ссылка из приглашения. Скопируйте ссылку из письма целиком — она выглядит так: https://cloud.vk.com/invite/…</translation>
    </message>
    <message>
        <source>This invitation link is not known. Check that you copied the whole link, or ask the project owner to invite you again.</source>
        <translation>Такое приглашение не найдено. Проверьте, что ссылка скопирована целиком, или попросите владельца проекта пригласить вас снова.</translation>
    </message>
    <message>
        <source>This invitation has expired: a link is valid for 24 hours. Ask the project owner to invite you again.</source>
        <translation>Срок приглашения истёк: ссылка действует 24 часа. Попросите владельца проекта пригласить вас снова.</translation>
    </message>
    <message>
        <source>This invitation has already been accepted. If it was you, close this window and sign in to the management console; otherwise ask the project owner for a new invitation.</source>
        <translation>Это приглашение уже принято. Если это были вы, закройте окно и войдите в личный кабинет; если нет — попросите владельца проекта прислать новое приглашение.</translation>
    </message>
</context>
<context>
    <name>signup::KeychainIndicator</name>
    <message>
        <source>Try saving again</source>
        <translation>Попробовать сохранить снова</translation>
    </message>
    <message>
        <source>Your progress cannot be saved on this computer: the system keychain is locked or not available. If you close the wizard now, you will need to sign in again to continue. The wizard saves your progress as soon as the keychain is available.</source>
        <translation>Ход регистрации нельзя сохранить на этом компьютере: системное хранилище паролей заблокировано или недоступно. Если закрыть мастер сейчас, для продолжения придётся войти снова. Мастер сохранит ход регистрации, как только хранилище станет доступно.</translation>
    </message>
    <message>
        <source>Your progress cannot be saved on this computer</source>
        <translation>Ход регистрации нельзя сохранить на этом компьютере</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
</context>
<context>
    <name>signup::MainWindow</name>
    <message>
        <source>VK Cloud sign-up</source>
        <translation>Регистрация в VK Cloud</translation>
    </message>
    <message>
        <source>Sandbox — no real account is created.</source>
        <translation>Песочница — настоящий аккаунт не создаётся.</translation>
    </message>
    <message>
        <source>Emails, calls and card payments are simulated: use the Sandbox tools on the right.</source>
        <translation>Письма, звонки и платежи по карте имитируются: пользуйтесь инструментами песочницы справа.</translation>
    </message>
    <message>
        <source>Sandbox tools</source>
        <translation>Инструменты песочницы</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About VK Cloud sign-up</source>
        <translation>&amp;О программе «Регистрация в VK Cloud»</translation>
    </message>
    <message>
        <source>About VK Cloud sign-up</source>
        <translation>О программе «Регистрация в VK Cloud»</translation>
    </message>
    <message>
        <source>&lt;h3&gt;VK Cloud sign-up %1&lt;/h3&gt;&lt;p&gt;Registers a VK Cloud account step by step.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Регистрация в VK Cloud %1&lt;/h3&gt;&lt;p&gt;Пошаговая регистрация аккаунта VK Cloud.&lt;/p&gt;&lt;p&gt;Собрано с Qt %2, работает на Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Get help from support…</source>
        <translation>Обратиться в &amp;поддержку…</translation>
    </message>
    <message>
        <source>Copy &amp;diagnostics</source>
        <translation>Скопировать &amp;диагностику</translation>
    </message>
    <message>
        <source>Diagnostics copied: paste them into your message to support. They hold no password, card data or sign-in token.</source>
        <translation>Диагностика скопирована: вставьте её в сообщение для поддержки. В ней нет пароля, данных карты и ключа входа.</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Sandbox tools</source>
        <translation>&amp;Инструменты песочницы</translation>
    </message>
</context>
<context>
    <name>signup::MessageArea</name>
    <message>
        <source>Request id for support: %1</source>
        <translation>Идентификатор запроса для поддержки: %1</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>Повтори&amp;ть</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Скрыть</translation>
    </message>
    <message>
        <source>Retry in %1:%2</source>
        <translation>Повторить через %1:%2</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Скопировано</translation>
    </message>
    <message>
        <source>Copy a&amp;ddress</source>
        <translation>Скопировать ссы&amp;лку</translation>
    </message>
    <message>
        <source>Available in less than a minute.</source>
        <translation>Будет доступно меньше чем через минуту.</translation>
    </message>
    <message numerus="yes">
        <source>Available in %n minutes.</source>
        <translation>
            <numerusform>Будет доступно через %n минуту.</numerusform>
            <numerusform>Будет доступно через %n минуты.</numerusform>
            <numerusform>Будет доступно через %n минут.</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Сведения</translation>
    </message>
</context>
<context>
    <name>signup::PhonePage</name>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>Any mobile number that can make calls can be confirmed.</source>
        <translation>Подтвердить можно любой мобильный номер, с которого можно позвонить.</translation>
    </message>
    <message>
        <source>Your account is in the Moscow region, so only a Russian mobile number (+7, Russia) can be confirmed. Numbers of Kazakhstan also start with +7, but cannot be used here.</source>
        <translation>Ваш аккаунт относится к региону Москва, поэтому подтвердить можно только российский мобильный номер (+7, Россия). Номера Казахстана тоже начинаются с +7, но здесь не подойдут.</translation>
    </message>
    <message>
        <source>Country: %1</source>
        <translation>Страна: %1</translation>
    </message>
    <message>
        <source>Enter your mobile number.</source>
        <translation>Введите номер мобильного телефона.</translation>
    </message>
    <message>
        <source>&lt;ol style=&quot;margin-left:0&quot;&gt;&lt;li&gt;From &lt;b&gt;your phone %1&lt;/b&gt;, call the number below.&lt;/li&gt;&lt;li&gt;Listen to the robot: it dictates four digits.&lt;/li&gt;&lt;li&gt;Key those digits on the phone&apos;s keypad (tone mode). This page moves on by itself.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol style=&quot;margin-left:0&quot;&gt;&lt;li&gt;С &lt;b&gt;вашего телефона %1&lt;/b&gt; позвоните на номер ниже.&lt;/li&gt;&lt;li&gt;Послушайте робота: он продиктует четыре цифры.&lt;/li&gt;&lt;li&gt;Наберите эти цифры на клавиатуре телефона в тоновом режиме. Мастер перейдёт к следующему шагу автоматически.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>The time for the call is over. Press Try again to get a new number to call.</source>
        <translation>Время на звонок истекло. Нажмите «Попробовать ещё раз», чтобы получить новый номер для звонка.</translation>
    </message>
    <message>
        <source>Call within %1:%2.</source>
        <translation>Осталось времени на звонок: %1:%2.</translation>
    </message>
    <message>
        <source>Number to call: %1</source>
        <translation>Номер для звонка: %1</translation>
    </message>
    <message numerus="yes">
        <source>Attempts left this hour: %n</source>
        <translation>
            <numerusform>В этот час осталась %n попытка</numerusform>
            <numerusform>В этот час осталось %n попытки</numerusform>
            <numerusform>В этот час осталось %n попыток</numerusform>
        </translation>
    </message>
    <message>
        <source>Less than a minute is left for the call.</source>
        <translation>На звонок осталось меньше минуты.</translation>
    </message>
    <message numerus="yes">
        <source>Call within %n minutes.</source>
        <translation>
            <numerusform>Позвоните в течение %n минуты.</numerusform>
            <numerusform>Позвоните в течение %n минут.</numerusform>
            <numerusform>Позвоните в течение %n минут.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>signup::RuleChecklist</name>
    <message>
        <source>not checked yet</source>
        <translation>ещё не проверено</translation>
    </message>
    <message>
        <source>met</source>
        <translation>выполнено</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>не выполнено</translation>
    </message>
    <message>
        <source>Rules: %1.</source>
        <translation>Требования: %1.</translation>
    </message>
    <message>
        <source>Every rule is met.</source>
        <translation>Все требования выполнены.</translation>
    </message>
    <message>
        <source>Not met yet: %1.</source>
        <translation>Ещё не выполнено: %1.</translation>
    </message>
</context>
<context>
    <name>signup::SandboxInviteBox</name>
    <message>
        <source>Invitation to a project</source>
        <translation>Приглашение в проект</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Адрес:</translation>
    </message>
    <message>
        <source>Address to invite</source>
        <translation>Адрес для приглашения</translation>
    </message>
    <message>
        <source>Invite me</source>
        <translation>Пригласить меня</translation>
    </message>
    <message>
        <source>Creates an invitation to a sandbox project for this address and opens it in the wizard.</source>
        <translation>Создаёт приглашение в проект песочницы для этого адреса и открывает его в мастере.</translation>
    </message>
    <message>
        <source>Inviting…</source>
        <translation>Создаём приглашение…</translation>
    </message>
    <message>
        <source>Invited to “%1”.</source>
        <translation>Приглашение в проект «%1» создано.</translation>
    </message>
    <message>
        <source>Invitation status</source>
        <translation>Состояние приглашения</translation>
    </message>
</context>
<context>
    <name>signup::SandboxToolsPanel</name>
    <message>
        <source>Mir: linked</source>
        <translation>Мир: успешная привязка</translation>
    </message>
    <message>
        <source>Visa: linked</source>
        <translation>Visa: успешная привязка</translation>
    </message>
    <message>
        <source>Mastercard: linked</source>
        <translation>Mastercard: успешная привязка</translation>
    </message>
    <message>
        <source>UnionPay: linked</source>
        <translation>UnionPay: успешная привязка</translation>
    </message>
    <message>
        <source>Declined by the bank</source>
        <translation>Отклонена банком</translation>
    </message>
    <message>
        <source>Insufficient funds</source>
        <translation>Недостаточно средств</translation>
    </message>
    <message>
        <source>Virtual card: refused</source>
        <translation>Виртуальная карта: отказ</translation>
    </message>
    <message>
        <source>3-D Secure, then your choice</source>
        <translation>3-D Secure, затем на ваш выбор</translation>
    </message>
    <message>
        <source>No emails yet.</source>
        <translation>Писем пока нет.</translation>
    </message>
    <message>
        <source>Link followed: the email is confirmed.</source>
        <translation>Переход по ссылке выполнен: адрес подтверждён.</translation>
    </message>
    <message>
        <source>This link no longer works (a newer email was sent). Use the newest email.</source>
        <translation>Эта ссылка больше не работает (отправлено более новое письмо). Откройте самое новое письмо.</translation>
    </message>
    <message>
        <source>Nobody expects a call from this number. Call from the number you entered.</source>
        <translation>С этого номера звонка не ждут. Позвоните с номера, который вы ввели.</translation>
    </message>
    <message>
        <source>The robot says: %1</source>
        <translation>Робот говорит: %1</translation>
    </message>
    <message>
        <source>The robot says: thank you, your number is confirmed.</source>
        <translation>Робот говорит: спасибо, ваш номер подтверждён.</translation>
    </message>
    <message>
        <source>The robot says: wrong digits, try again.</source>
        <translation>Робот говорит: неверные цифры, попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The call has ended. Call again.</source>
        <translation>Звонок завершён. Позвоните ещё раз.</translation>
    </message>
    <message>
        <source>The bank approved the payment.</source>
        <translation>Банк одобрил платёж.</translation>
    </message>
    <message>
        <source>The bank declined the payment.</source>
        <translation>Банк отклонил платёж.</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>Клавиша %1</translation>
    </message>
    <message>
        <source>Inbox status</source>
        <translation>Состояние входящих</translation>
    </message>
    <message>
        <source>What the robot says</source>
        <translation>Что говорит робот</translation>
    </message>
    <message>
        <source>Call status</source>
        <translation>Состояние звонка</translation>
    </message>
    <message>
        <source>Bank status</source>
        <translation>Ответ банка</translation>
    </message>
</context>
<context>
    <name>signup::SignupWizard</name>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Назад</translation>
    </message>
    <message>
        <source>VK Cloud sign-up</source>
        <translation>Регистрация в VK Cloud</translation>
    </message>
    <message>
        <source>No account has been created yet.</source>
        <translation>Аккаунт ещё не создан.</translation>
    </message>
    <message>
        <source>The steps you finished are kept on the server, but this computer cannot remember your session: to continue later, sign in with your email and password.</source>
        <translation>Пройденные шаги сохранены на сервере, но этот компьютер не может запомнить ваш сеанс: чтобы продолжить позже, войдите с адресом почты и паролем.</translation>
    </message>
    <message>
        <source>The steps you finished are kept: next time the wizard opens where you stopped.</source>
        <translation>Пройденные шаги сохранены: в следующий раз мастер откроется там, где вы остановились.</translation>
    </message>
    <message>
        <source>Close the sign-up?</source>
        <translation>Прервать регистрацию?</translation>
    </message>
    <message>
        <source>What you typed on this page has not been sent yet and will be lost.</source>
        <translation>Введённое на этой странице ещё не отправлено и будет потеряно.</translation>
    </message>
    <message>
        <source>Close &amp;anyway</source>
        <translation>&amp;Всё равно закрыть</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Продолжить ввод</translation>
    </message>
    <message>
        <source>F&amp;inish</source>
        <translation>&amp;Готово</translation>
    </message>
    <message>
        <source>This link was not opened</source>
        <translation>Ссылка не открыта</translation>
    </message>
    <message>
        <source>The server sent a link that is not a secure VK Cloud address, so the wizard did not open it: %1</source>
        <translation>Сервер прислал ссылку, которая не ведёт на защищённый адрес VK Cloud, поэтому мастер её не открыл: %1</translation>
    </message>
    <message>
        <source>The browser could not be opened</source>
        <translation>Не удалось открыть браузер</translation>
    </message>
    <message>
        <source>Open this address in your browser yourself:</source>
        <translation>Откройте этот адрес в браузере сами:</translation>
    </message>
    <message>
        <source>Registration steps</source>
        <translation>Шаги регистрации</translation>
    </message>
</context>
<context>
    <name>signup::StepsPanel</name>
    <message>
        <source>Your progress</source>
        <translation>Ход регистрации</translation>
    </message>
    <message>
        <source>1. Account created</source>
        <translation>1. Аккаунт создан</translation>
    </message>
    <message>
        <source>2. Email confirmed</source>
        <translation>2. Почта подтверждена</translation>
    </message>
    <message>
        <source>3. Phone confirmed</source>
        <translation>3. Телефон подтверждён</translation>
    </message>
    <message>
        <source>4. Card linked</source>
        <translation>4. Карта привязана</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>Текущий шаг</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Не выполнено</translation>
    </message>
    <message>
        <source>1. Create account</source>
        <translation>1. Создание аккаунта</translation>
    </message>
    <message>
        <source>2. Confirm email</source>
        <translation>2. Подтверждение почты</translation>
    </message>
    <message>
        <source>3. Confirm phone</source>
        <translation>3. Подтверждение телефона</translation>
    </message>
    <message>
        <source>4. Link a card</source>
        <translation>4. Привязка карты</translation>
    </message>
</context>
<context>
    <name>signup::SupportCodeDialog</name>
    <message>
        <source>Get help from support</source>
        <translation>Помощь службы поддержки</translation>
    </message>
    <message>
        <source>&lt;p&gt;Support staff can follow your sign-up while you talk to them on the phone. If you agree, the wizard shows a code for you to read out to them. With it, for 15 minutes, they see:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;which steps you have finished and where you are now;&lt;/li&gt;&lt;li&gt;your email address and phone number, partly hidden (i***@example.com);&lt;/li&gt;&lt;li&gt;your card&apos;s type and its last four digits, your region and balance;&lt;/li&gt;&lt;li&gt;the last requests the wizard sent and whether they failed.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;They never see your password, your card number or CVC, or your sign-in. They cannot change anything. You can stop sharing at any time.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Специалист поддержки может следить за вашей регистрацией, пока вы говорите с ним по телефону. Если вы согласны, мастер покажет код — продиктуйте его специалисту. По этому коду в течение 15 минут он видит:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;какие шаги вы прошли и на каком шаге сейчас;&lt;/li&gt;&lt;li&gt;вашу почту и номер телефона, частично скрытые (i***@example.com);&lt;/li&gt;&lt;li&gt;платёжную систему карты и последние четыре цифры её номера, регион и баланс;&lt;/li&gt;&lt;li&gt;последние запросы мастера к серверу и были ли в них ошибки.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Пароль, номер карты, CVC и данные для входа специалист не видит. Изменить он ничего не может. Прекратить показ можно в любой момент.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>What support staff will see</source>
        <translation>Что увидит специалист поддержки</translation>
    </message>
    <message>
        <source>&amp;Share my progress</source>
        <translation>&amp;Показать ход регистрации</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>&amp;Отмена</translation>
    </message>
    <message>
        <source>Read this code out to support staff:</source>
        <translation>Продиктуйте этот код специалисту поддержки:</translation>
    </message>
    <message>
        <source>Support staff see your progress only while the code is valid. Nothing you type in a password or card field is shared.</source>
        <translation>Специалист видит ход вашей регистрации, только пока код действует. То, что вы вводите в поля пароля и карты, не передаётся.</translation>
    </message>
    <message>
        <source>S&amp;top sharing</source>
        <translation>&amp;Прекратить показ</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <source>&amp;Share again</source>
        <translation>Поделиться &amp;снова</translation>
    </message>
    <message>
        <source>Getting a code…</source>
        <translation>Получаем код…</translation>
    </message>
    <message>
        <source>No code: %1 %2</source>
        <translation>Код не получен: %1 %2</translation>
    </message>
    <message>
        <source>Sharing has ended: support staff no longer see your progress.</source>
        <translation>Показ завершён: специалист поддержки больше не видит ход вашей регистрации.</translation>
    </message>
    <message>
        <source>Support code %1</source>
        <translation>Код для поддержки %1</translation>
    </message>
    <message>
        <source>Read it out to support staff. Valid until %1.</source>
        <translation>Продиктуйте его специалисту поддержки. Действует до %1.</translation>
    </message>
    <message>
        <source>Valid until %1 (less than a minute left)</source>
        <translation>Действует до %1 (осталось меньше минуты)</translation>
    </message>
    <message numerus="yes">
        <source>Valid until %1 (%n minutes left)</source>
        <translation>
            <numerusform>Действует до %1 (осталась %n минута)</numerusform>
            <numerusform>Действует до %1 (осталось %n минуты)</numerusform>
            <numerusform>Действует до %1 (осталось %n минут)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>signup::SupportWindow</name>
    <message>
        <source>VK Cloud sign-up — support</source>
        <translation>Регистрация в VK Cloud — поддержка</translation>
    </message>
    <message>
        <source>Support key</source>
        <translation>Ключ поддержки</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>К&amp;люч:</translation>
    </message>
    <message>
        <source>The key your team lead gave you; it is kept in the system keychain.</source>
        <translation>Ключ, который выдал руководитель группы; он хранится в системном хранилище паролей.</translation>
    </message>
    <message>
        <source>&amp;Save key</source>
        <translation>&amp;Запомнить ключ</translation>
    </message>
    <message>
        <source>F&amp;orget key</source>
        <translation>&amp;Забыть ключ</translation>
    </message>
    <message>
        <source>Customer&apos;s &amp;code:</source>
        <translation>Код &amp;клиента:</translation>
    </message>
    <message>
        <source>Customer&apos;s code</source>
        <translation>Код клиента</translation>
    </message>
    <message>
        <source>The eight digits the customer reads out</source>
        <translation>Восемь цифр, которые диктует клиент</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>&amp;Следить</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>Регистрация</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Почта:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <source>Card:</source>
        <translation>Карта:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Регион:</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>Баланс:</translation>
    </message>
    <message>
        <source>&amp;Last requests (newest first):</source>
        <translation>&amp;Последние запросы (новые сверху):</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Метод</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Маршрут</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>What the customer saw</source>
        <translation>Что увидел клиент</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Идентификатор запроса</translation>
    </message>
    <message>
        <source>Last requests</source>
        <translation>Последние запросы</translation>
    </message>
    <message>
        <source>Connection problem: %1 Trying again…</source>
        <translation>Проблема со связью: %1 Пробуем снова…</translation>
    </message>
    <message>
        <source>Reading the support key from the system keychain…</source>
        <translation>Читаем ключ поддержки из системного хранилища паролей…</translation>
    </message>
    <message>
        <source>The system keychain cannot be read, so the key is not remembered. Type it for this session.</source>
        <translation>Системное хранилище паролей недоступно, поэтому ключ не запомнен. Введите его для этого сеанса.</translation>
    </message>
    <message>
        <source>Type the support key once; it is kept in the system keychain.</source>
        <translation>Введите ключ поддержки один раз — он сохранится в системном хранилище паролей.</translation>
    </message>
    <message>
        <source>The support key is kept in the system keychain.</source>
        <translation>Ключ поддержки хранится в системном хранилище паролей.</translation>
    </message>
    <message>
        <source>Using the support key given at start; it is not stored.</source>
        <translation>Используется ключ поддержки, указанный при запуске; он не сохраняется.</translation>
    </message>
    <message>
        <source>The system keychain is not available: the key is used for this session only and you will need to type it again next time.</source>
        <translation>Системное хранилище паролей недоступно: ключ действует только в этом сеансе, в следующий раз его придётся ввести снова.</translation>
    </message>
    <message>
        <source>The support key was removed from this computer.</source>
        <translation>Ключ поддержки удалён с этого компьютера.</translation>
    </message>
    <message>
        <source>A code has eight digits, for example 1234-5678.</source>
        <translation>Код состоит из восьми цифр, например 1234-5678.</translation>
    </message>
    <message>
        <source>Looking up code %1…</source>
        <translation>Ищем код %1…</translation>
    </message>
    <message>
        <source>Following code %1 live.</source>
        <translation>Следим по коду %1 в реальном времени.</translation>
    </message>
    <message>
        <source>Code %1 has ended: it expired or the customer stopped sharing. Ask for a new code to go on.</source>
        <translation>Код %1 больше не действует: срок истёк или клиент прекратил показ. Чтобы продолжить, попросите новый код.</translation>
    </message>
    <message>
        <source>Code %1 is not valid: check the digits with the customer, or ask them for a new code.</source>
        <translation>Код %1 недействителен: сверьте цифры с клиентом или попросите новый код.</translation>
    </message>
    <message>
        <source>The server does not accept this support key. Forget it and type the right one.</source>
        <translation>Сервер не принимает этот ключ поддержки. Забудьте его и введите правильный.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Успешно</translation>
    </message>
    <message>
        <source>%1 ending in %2</source>
        <translation>%1, последние цифры %2</translation>
    </message>
</context>
<context>
    <name>signup::UiText</name>
    <message>
        <source>Not longer than 320 characters (64 before the @)</source>
        <translation>Не длиннее 320 символов (до @ — не более 64)</translation>
    </message>
    <message>
        <source>Looks like name@company.com</source>
        <translation>В формате name@company.com</translation>
    </message>
    <message>
        <source>No &quot;+&quot; in the address</source>
        <translation>Без «+» в адресе</translation>
    </message>
    <message>
        <source>8 to 128 characters</source>
        <translation>От 8 до 128 символов</translation>
    </message>
    <message>
        <source>Only Latin letters, digits and ? ! ~ @ # $ % ^ &amp; _ - + * = ; : , . / \ | ` [ ] { } ( )</source>
        <translation>Только латинские буквы, цифры и ? ! ~ @ # $ % ^ &amp; _ - + * = ; : , . / \ | ` [ ] { } ( )</translation>
    </message>
    <message>
        <source>At least one capital letter (A–Z)</source>
        <translation>Хотя бы одна заглавная буква (A–Z)</translation>
    </message>
    <message>
        <source>At least one small letter (a–z)</source>
        <translation>Хотя бы одна строчная буква (a–z)</translation>
    </message>
    <message>
        <source>At least one digit or special character</source>
        <translation>Хотя бы одна цифра или спецсимвол</translation>
    </message>
    <message>
        <source>Nothing repeated three times in a row (like aaa or 121212)</source>
        <translation>Без повторов трижды подряд (например, aaa или 121212)</translation>
    </message>
    <message>
        <source>The &quot;+&quot; character is not allowed in the address.</source>
        <translation>Символ «+» в адресе не допускается.</translation>
    </message>
    <message>
        <source>This address is too long.</source>
        <translation>Адрес слишком длинный.</translation>
    </message>
    <message>
        <source>This does not look like an email address. Check it for typos.</source>
        <translation>Это не похоже на адрес электронной почты. Проверьте, нет ли опечаток.</translation>
    </message>
    <message>
        <source>The password does not meet the rules marked below.</source>
        <translation>Пароль не соответствует отмеченным ниже правилам.</translation>
    </message>
    <message>
        <source>Choose a region from the list.</source>
        <translation>Выберите регион из списка.</translation>
    </message>
    <message>
        <source>The email or password is wrong. Check the keyboard layout and Caps Lock.</source>
        <translation>Неверный адрес почты или пароль. Проверьте раскладку клавиатуры и Caps Lock.</translation>
    </message>
    <message>
        <source>This is not a valid mobile number. Include the country code, for example +7 912 345-67-89.</source>
        <translation>Это не похоже на мобильный номер. Укажите код страны, например +7 912 345-67-89.</translation>
    </message>
    <message>
        <source>This number is already confirmed on another account. Use another number, or sign in to the account that has it.</source>
        <translation>Этот номер уже подтверждён в другом аккаунте. Укажите другой номер или войдите в аккаунт, к которому он привязан.</translation>
    </message>
    <message>
        <source>Cards of this payment system are not accepted in your region.</source>
        <translation>Карты этой платёжной системы в вашем регионе не принимаются.</translation>
    </message>
    <message>
        <source>This card has expired. Use a card that is still valid.</source>
        <translation>Срок действия карты истёк. Используйте действующую карту.</translation>
    </message>
    <message>
        <source>Check this field: the card details are not valid.</source>
        <translation>Проверьте это поле: данные карты неверны.</translation>
    </message>
    <message>
        <source>Check the threshold and the amount: they are outside the allowed range.</source>
        <translation>Проверьте порог и сумму: они выходят за допустимые пределы.</translation>
    </message>
    <message>
        <source>Autopayment is not available for this card or region.</source>
        <translation>Для этой карты или региона автоплатёж недоступен.</translation>
    </message>
    <message>
        <source>Virtual cards cannot be linked. Use a physical bank card.</source>
        <translation>Виртуальные карты привязать нельзя. Используйте пластиковую банковскую карту.</translation>
    </message>
    <message>
        <source>There is not enough money on the card for the test amount. Top up the card or use another one.</source>
        <translation>На карте недостаточно средств для списания тестовой суммы. Пополните карту или используйте другую.</translation>
    </message>
    <message>
        <source>Your bank declined the payment. Call the bank (the number is on the back of the card) or use another card.</source>
        <translation>Банк отклонил платёж. Позвоните в банк (номер на обороте карты) или используйте другую карту.</translation>
    </message>
    <message>
        <source>The bank&apos;s confirmation (3-D Secure) did not succeed. Add the card again and confirm the payment on the bank&apos;s page, or use another card.</source>
        <translation>Подтверждение банка (3-D Secure) не прошло. Добавьте карту снова и подтвердите платёж на странице банка или используйте другую карту.</translation>
    </message>
    <message>
        <source>The card was declined. Use another card.</source>
        <translation>Карта отклонена. Используйте другую карту.</translation>
    </message>
    <message>
        <source>Moscow</source>
        <translation>Москва</translation>
    </message>
    <message>
        <source>Kazakhstan</source>
        <translation>Казахстан</translation>
    </message>
    <message>
        <source>RUB</source>
        <translation>₽</translation>
    </message>
    <message>
        <source>KZT</source>
        <translation>₸</translation>
    </message>
    <message>
        <source>Russia</source>
        <translation>Россия</translation>
    </message>
    <message>
        <source>No connection to the server</source>
        <translation>Нет связи с сервером</translation>
    </message>
    <message>
        <source>Check that this computer is online (a VPN or proxy can also get in the way), then press Retry. Everything you typed is kept.</source>
        <translation>Проверьте, что компьютер подключён к интернету (мешать может и VPN или прокси), и нажмите «Повторить». Всё, что вы ввели, сохранится.</translation>
    </message>
    <message>
        <source>The server is taking too long to answer</source>
        <translation>Сервер слишком долго не отвечает</translation>
    </message>
    <message>
        <source>The connection may be slow. Press Retry: nothing will be done twice.</source>
        <translation>Возможно, соединение медленное. Нажмите «Повторить»: ни одно действие не выполнится дважды.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted</source>
        <translation>Сертификат сервера не является доверенным</translation>
    </message>
    <message>
        <source>The connection is not secure, so the wizard stopped. If your company inspects traffic, ask IT for its certificate and start the wizard with --ca-cert.</source>
        <translation>Соединение не защищено, поэтому мастер прервал работу. Если ваша компания проверяет трафик, попросите у ИТ-отдела её сертификат и запустите мастер с параметром --ca-cert.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for another address</source>
        <translation>Сертификат сервера выдан для другого адреса</translation>
    </message>
    <message>
        <source>The connection is not secure, so the wizard stopped. Check the server address (--api-url).</source>
        <translation>Соединение не защищено, поэтому мастер прервал работу. Проверьте адрес сервера (параметр --api-url).</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired</source>
        <translation>Срок действия сертификата сервера истёк</translation>
    </message>
    <message>
        <source>Check that this computer&apos;s date and time are right, then press Retry.</source>
        <translation>Проверьте дату и время на компьютере и нажмите «Повторить».</translation>
    </message>
    <message>
        <source>A secure connection could not be set up</source>
        <translation>Не удалось установить защищённое соединение</translation>
    </message>
    <message>
        <source>The connection is not secure, so the wizard stopped. Try again later or contact support.</source>
        <translation>Соединение не защищено, поэтому мастер прервал работу. Попробуйте позже или обратитесь в поддержку.</translation>
    </message>
    <message>
        <source>The server sent an answer the wizard does not understand</source>
        <translation>Сервер прислал ответ, который мастер не понимает</translation>
    </message>
    <message>
        <source>Press Retry. If it happens again, contact support with the request id below.</source>
        <translation>Нажмите «Повторить». Если ошибка повторится, обратитесь в поддержку и сообщите идентификатор запроса, указанный ниже.</translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation>Слишком много попыток</translation>
    </message>
    <message>
        <source>Wait a little: Retry becomes available when the countdown ends.</source>
        <translation>Подождите немного: кнопка «Повторить» станет доступна, когда закончится отсчёт.</translation>
    </message>
    <message>
        <source>Your session has ended</source>
        <translation>Сеанс завершён</translation>
    </message>
    <message>
        <source>Sign in again with your email and password to continue where you stopped.</source>
        <translation>Войдите снова, указав адрес почты и пароль, чтобы продолжить с того места, где остановились.</translation>
    </message>
    <message>
        <source>An earlier step is not finished yet</source>
        <translation>Предыдущий шаг ещё не завершён</translation>
    </message>
    <message>
        <source>The wizard has been brought up to date. Finish the step shown on the left first.</source>
        <translation>Мастер обновил состояние. Сначала завершите шаг, отмеченный слева.</translation>
    </message>
    <message>
        <source>This step is already done</source>
        <translation>Этот шаг уже выполнен</translation>
    </message>
    <message>
        <source>The wizard has been brought up to date and moves on.</source>
        <translation>Мастер обновил состояние и переходит дальше.</translation>
    </message>
    <message>
        <source>The previous request is still being processed</source>
        <translation>Предыдущий запрос ещё обрабатывается</translation>
    </message>
    <message>
        <source>Wait a few seconds and press Retry.</source>
        <translation>Подождите несколько секунд и нажмите «Повторить».</translation>
    </message>
    <message>
        <source>Wrong email or password</source>
        <translation>Неверный адрес почты или пароль</translation>
    </message>
    <message>
        <source>The server has a problem</source>
        <translation>Ошибка на сервере</translation>
    </message>
    <message>
        <source>It is not something you did. Press Retry in a minute; nothing will be done twice. If it goes on, contact support with the request id below.</source>
        <translation>Ошибка возникла не из-за ваших действий. Нажмите «Повторить» через минуту: ни одно действие не выполнится дважды. Если ошибка повторится, обратитесь в поддержку и сообщите идентификатор запроса, указанный ниже.</translation>
    </message>
    <message>
        <source>The request was not accepted</source>
        <translation>Запрос не принят</translation>
    </message>
    <message>
        <source>Mir</source>
        <comment>payment system</comment>
        <translation>Мир</translation>
    </message>
    <message>
        <source>An account with this email already exists. Sign in to continue its registration, or use another address.</source>
        <translation>Аккаунт с таким адресом уже существует. Войдите, чтобы продолжить его регистрацию, или укажите другой адрес.</translation>
    </message>
    <message>
        <source>This account is in the Moscow region, where only Russian numbers (+7, Russia) can be confirmed, and an account&apos;s region cannot be changed once it exists. Enter a Russian mobile number. With only a number of another country, create a new account with another email in the Kazakhstan region, which accepts any mobile number.</source>
        <translation>Аккаунт относится к региону Москва, где можно подтвердить только российский номер (+7, Россия), а регион созданного аккаунта изменить нельзя. Введите российский мобильный номер. Если у вас есть только номер другой страны, создайте новый аккаунт с другим адресом почты в регионе Казахстан — там подходит любой мобильный номер.</translation>
    </message>
    <message>
        <source>%1&#xa0;%2</source>
        <comment>amount and currency, with a no-break space</comment>
        <translation>%1&#xa0;%2</translation>
    </message>
</context>
<context>
    <name>signup::WelcomePage</name>
    <message>
        <source>&amp;Sign in and continue</source>
        <translation>&amp;Войти и продолжить</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in to continue where you stopped.</source>
        <translation>Сеанс завершён. Войдите, чтобы продолжить с того места, где остановились.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Выполняем вход…</translation>
    </message>
</context>
<context>
    <name>signup::WizardApp</name>
    <message>
        <source>Registers a VK Cloud account step by step. With no API configured it runs on a built-in sandbox: no real account is created.</source>
        <translation>Пошаговая регистрация аккаунта VK Cloud. Если API не настроен, работает со встроенной песочницей: настоящий аккаунт не создаётся.</translation>
    </message>
    <message>
        <source>VK Cloud sign-up</source>
        <translation>Регистрация в VK Cloud</translation>
    </message>
    <message>
        <source>Starting the sandbox…</source>
        <translation>Запуск песочницы…</translation>
    </message>
    <message>
        <source>The sandbox could not start:
%1</source>
        <translation>Не удалось запустить песочницу:
%1</translation>
    </message>
    <message>
        <source>No saved progress was found. You are starting a new registration.</source>
        <translation>Незавершённая регистрация не найдена. Начинается новая регистрация.</translation>
    </message>
    <message>
        <source>The saved session was signed out on the server and removed from this computer. You are starting a new registration.</source>
        <translation>Сохранённый сеанс завершён на сервере и удалён с этого компьютера. Начинается новая регистрация.</translation>
    </message>
    <message>
        <source>The saved session had already ended and was removed from this computer. You are starting a new registration.</source>
        <translation>Сохранённый сеанс уже был завершён и удалён с этого компьютера. Начинается новая регистрация.</translation>
    </message>
    <message>
        <source>The saved session was removed from this computer. The server could not be reached to sign it out; it ends by itself when it expires.</source>
        <translation>Сохранённый сеанс удалён с этого компьютера. Связаться с сервером, чтобы завершить его, не удалось; он закончится сам, когда истечёт его срок.</translation>
    </message>
    <message>
        <source>The system keychain did not answer, so the saved session could not be removed. You are starting a new registration anyway.</source>
        <translation>Системное хранилище паролей не ответило, поэтому сохранённый сеанс удалить не удалось. Новая регистрация всё равно начинается.</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Сброс</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Подключение к серверу…</translation>
    </message>
</context>
</TS>
