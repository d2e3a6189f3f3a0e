/** `trailwatch catalog`. PLACEHOLDER: registered by its issue's work; until then the command is absent. */
import type { Command } from 'commander';

export function registerCatalog(_program: Command): void {}
