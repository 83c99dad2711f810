#pragma once

namespace signup {

class MainWindow;
class RegistrationController;

// For tests that start the program as a new process (VKCLOUD_SIGNUP_PRINT_STATE set): once the
// start-up (or --reset) has settled, prints the page reached and what its labels and buttons show
// on stdout, one widget a line (never what is typed in a field); with the value "quit" the program
// then exits.
void printStateOnceSettled(MainWindow *window, RegistrationController *controller);

} // namespace signup
