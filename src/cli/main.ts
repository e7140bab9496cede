#!/usr/bin/env node
import { Command } from 'commander';
import { version } from '../platform/version.js';
import { auditCommand } from './audit.js';
import { claimsCommand } from './claims.js';
import { coverageCommand } from './coverage.js';
import { loadCommand } from './load.js';
import { importCommand } from './import.js';
import { exportCommand } from './export.js';
import { backupCommand, restoreCommand } from './backup.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';
import { userCommand } from './user.js';
import { demoCommand } from './demo.js';
import { diagnosesCommand } from './diagnoses.js';
import { providersCommand } from './providers.js';
import { servicesCommand } from './services.js';
import { reservesCommand } from './reserves.js';
import { reportCommand } from './report.js';
import { ledgerCommand } from './ledger.js';
import { indicatorsCommand } from './indicators.js';
import { premiumCommand } from './premium.js';

const program = new Command('mutua')
  .description('Mutua: management and monitoring of community-based health micro-insurance schemes')
  .version(version)
  .showHelpAfterError();

program.addCommand(serveCommand());
program.addCommand(migrateCommand());
program.addCommand(userCommand());
program.addCommand(demoCommand());
program.addCommand(loadCommand());
program.addCommand(importCommand());
program.addCommand(exportCommand());
program.addCommand(coverageCommand());
program.addCommand(claimsCommand());
program.addCommand(servicesCommand());
program.addCommand(providersCommand());
program.addCommand(diagnosesCommand());
program.addCommand(reservesCommand());
program.addCommand(reportCommand());
program.addCommand(ledgerCommand());
program.addCommand(indicatorsCommand());
program.addCommand(premiumCommand());
program.addCommand(auditCommand());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());

await program.parseAsync(process.argv);
