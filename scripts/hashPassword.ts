import { createInterface } from 'node:readline';
import { hashPassword } from '../bot/coordinator/passwordHash';

/**
 * Prints a COORDINATOR_ACCOUNTS entry for one coordinator: `npm run hash-password -- sam` then type the password.
 * The password is read from standard input so it never lands in shell history.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Za-z0-9_.-]{2,40}$/.test(name)) {
    process.stderr.write('usage: npm run hash-password -- <name>   (letters, digits, _ . -)\n');
    process.exit(2);
  }
  const lines = createInterface({ input: process.stdin });
  process.stderr.write('password: ');
  for await (const line of lines) {
    if (line.length < 10) {
      process.stderr.write('use at least 10 characters\n');
      process.exit(2);
    }
    process.stdout.write(`${name}:${await hashPassword(line)}\n`);
    break;
  }
  lines.close();
}

void main();
