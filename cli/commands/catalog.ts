/** `trailwatch catalog` (`npm run catalog`): writes docs/detections.md from the catalogue and the example environments. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { CATALOG_FILE as CatalogFile } from '../../config/modules/detections/catalog-doc';

/** config/modules/detections/catalog-doc.ts CATALOG_FILE, restated so that registering the command does not load the catalogue. */
const CATALOG_FILE: typeof CatalogFile = 'docs/detections.md';

export function registerCatalog(program: Command): void {
  program
    .command('catalog')
    .description(`write ${CATALOG_FILE}: every detection, and which are on in each example environment`)
    .option('-c, --config <path>', 'config file or folder of the example environments', 'config')
    .action((options: { config: string }) => {
      // Loaded here, not at the top: the config layer (yaml, zod) and the catalogue would slow every other command's start.
      const { loadEnvironmentsOrThrow } = require('../../config/load') as typeof import('../../config/load');
      const { renderCatalog } = require('../../config/modules/detections/catalog-doc') as typeof import('../../config/modules/detections/catalog-doc');
      const text = renderCatalog(loadEnvironmentsOrThrow(options.config));
      fs.mkdirSync(path.dirname(CATALOG_FILE), { recursive: true });
      fs.writeFileSync(CATALOG_FILE, text);
      process.stdout.write(`wrote ${CATALOG_FILE}\n`);
    });
}
