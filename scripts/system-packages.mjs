// The Debian packages the tests use, in one list for .ci/run and the setup script.
export const debianPackages = [
  'chromium', // the login browser and the UI tests
  'awscli', // /usr/bin/aws: reads what we write, runs credential_process
  'zsh', 'fish', // the printed commands are run in each shell
  'xterm', 'xvfb', 'xauth', // a real terminal window for "Open mongosh"
  'simplesamlphp', 'php8.2-xml', 'php8.2-cli', // a real IdP nobody here wrote
  'desktop-file-utils', // desktop-file-validate checks the menu entry `desktop-entry install` writes
  'dbus-daemon', 'gnome-keyring', // a Secret Service, the OS keychain browser mode keeps its sessions in
  'openssl', 'procps', 'git',
];
