import { editConnectionsFile } from '../connections/connections-file.js';
import { parseJsonText, parseTeamFile } from '../connections/parse-connections.js';
import type { ImportReport } from '../connections/team-file.js';
import { mergeTeamFile } from '../connections/team-file.js';

/** How the file is named in messages: a UI hands over the content, and its path on the person's disk is not ours to know. */
const shownName = 'The file you imported';

/** Merges a team file given as text (a UI reads the file the person chose) into the saved connections, all or nothing. */
export async function importConnectionsText(connectionsFile: string, text: string): Promise<ImportReport> {
  const team = parseTeamFile(parseJsonText(text, shownName, 'connections-import-invalid'), shownName);
  return editConnectionsFile(connectionsFile, (file) => {
    const merged = mergeTeamFile(file, team);
    return { file: merged.file, result: merged.report };
  });
}
