export { demoIsNeeded, demoAccountList, generateDemo, DEMO_PASSWORD, type DemoOptions, type DemoResult } from './generate.js';
