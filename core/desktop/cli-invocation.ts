/** The switch the deb/rpm `atlas-sso` launcher passes (assets/linux/atlas-sso-cli.sh): `--cli -- <arguments…>`. */
const cliSwitch = '--cli';

/**
 * The CLI's arguments when the app was started as the `atlas-sso` command, else undefined (start the desktop app).
 * `--cli` counts only among the switches before the first `--`, so an argument meant for a command (`atlas-sso exec --
 * tool --cli`) or a link handed to the app never switches modes; everything after that `--` goes to the CLI as it is.
 */
export function cliInvocation(argv: readonly string[]): readonly string[] | undefined {
  const rest = argv.slice(1);
  const end = rest.indexOf('--');
  const switches = end === -1 ? rest : rest.slice(0, end);
  if (!switches.includes(cliSwitch)) return undefined;
  return end === -1 ? rest.slice(rest.indexOf(cliSwitch) + 1) : rest.slice(end + 1);
}
