#!/usr/bin/env node
// Validates xAPI statements with @learninglocker/xapi-validation (test use).
//   node validate.js <file with a JSON array of statements>
// Prints a JSON array with one list of warnings per statement (empty list = valid).
'use strict';
const fs = require('fs');
const path = require('path');
const validate = require(path.join(__dirname, 'node_modules', '@learninglocker', 'xapi-validation')).default;

const statements = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const describe = (w) => `${(w.path || []).join('.')}: ${w.name}${w.typeName ? ' (' + w.typeName + ')' : ''}`;
const results = statements.map((s) => validate(s).map(describe));
process.stdout.write(JSON.stringify(results) + '\n');
