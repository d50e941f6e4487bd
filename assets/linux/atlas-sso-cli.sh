#!/bin/sh
# The `atlas-sso` command of the deb and rpm packages (/usr/bin/atlas-sso links here). The app's RunAsNode fuse is
# off, so the binary cannot run as node: it answers as the CLI itself when started with `--cli --` (electron/main.ts),
# before any window. Ozone's headless platform lets it run over SSH or in a container, with no display to open.
resources=$(dirname "$(readlink -f "$0")")
# setup-profile writes this launcher (not the binary and a script inside the archive) into credential_process.
exec env ATLAS_SSO_CLI_LAUNCHER=/usr/bin/atlas-sso "$resources/../atlas-sso-desktop" --ozone-platform=headless --disable-gpu --cli -- "$@"
