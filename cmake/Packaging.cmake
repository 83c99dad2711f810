# CPack: a .deb on Linux, an NSIS installer on Windows, a drag-and-drop DMG on macOS.
# scripts/package.sh builds the .deb; docs/install.md describes the others.

set(CPACK_PACKAGE_NAME vkcloud-signup)
set(CPACK_PACKAGE_VENDOR "VK Cloud")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Register a VK Cloud account step by step")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://cloud.vk.com/")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY "VK Cloud Sign-up")
set(CPACK_PACKAGE_EXECUTABLES vkcloud-signup "VK Cloud Sign-up")
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)
set(VKSIGNUP_PACKAGE_MAINTAINER "VK Cloud <support@cloud.vk.com>"
    CACHE STRING "Maintainer field of the Debian package")

if(WIN32)
  set(CPACK_GENERATOR NSIS)
  set(CPACK_NSIS_DISPLAY_NAME "VK Cloud Sign-up")
  set(CPACK_NSIS_PACKAGE_NAME "VK Cloud Sign-up ${PROJECT_VERSION}")
  set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\vkcloud-signup.exe")
  set(CPACK_NSIS_MUI_FINISHPAGE_RUN vkcloud-signup.exe)
  set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
  # CPACK_PACKAGE_EXECUTABLES adds the Start menu shortcut to bin\vkcloud-signup.exe.
  set(CPACK_PACKAGE_FILE_NAME "vkcloud-signup-${PROJECT_VERSION}-windows-x64")
elseif(APPLE)
  set(CPACK_GENERATOR DragNDrop)
  set(CPACK_DMG_VOLUME_NAME "VK Cloud Sign-up")
  set(CPACK_PACKAGE_FILE_NAME "vkcloud-signup-${PROJECT_VERSION}-macos")
else()
  set(CPACK_GENERATOR DEB)
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
  # vkcloud-signup_<version>_<arch>.deb
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${VKSIGNUP_PACKAGE_MAINTAINER}")
  set(CPACK_DEBIAN_PACKAGE_SECTION net)
  set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
  # The synopsis line comes from CPACK_PACKAGE_DESCRIPTION_SUMMARY; CPack indents these lines.
  set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "A desktop wizard that walks a person through registering for VK Cloud: work
email and password, email confirmation, phone confirmation by a call and a
payment card. The session token is kept only in the system keychain (Secret
Service). With no server configured it runs on a built-in sandbox where no
real account is created. Also contains vkcloud-signup-sandbox, the sandbox
backend on its own.")
  # Libraries the programs link come from dpkg-shlibdeps. What it cannot see are the Qt plugins loaded
  # at run time: the SQLite driver the embedded sandbox stores its data with, and the SVG icon engine and
  # image plugins that draw every icon of the wizard.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
  # Russian texts of Qt's own dialogs; Wayland and other platform plugins; xdg-open for links.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, qt6-qpa-plugins, xdg-utils")
  # A Secret Service for keeping the session (without one the wizard works but cannot resume).
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring | keepassxc")
endif()

include(CPack)
