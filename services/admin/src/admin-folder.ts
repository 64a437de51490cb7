import path from 'node:path';

/**
 * A file or folder of services/admin itself (the OpenAPI document, the console), found the
 * same way whether this code runs from the sources (ts-jest) or compiled under dist/.
 */
export function adminFolderPath(...parts: string[]): string {
  const compiled = __dirname.split(path.sep).includes('dist');
  return path.resolve(__dirname, '..',
    ...(compiled ? ['..', '..', '..', 'services', 'admin'] : []), ...parts);
}
