export default async function globalTeardown(): Promise<void> {
  await globalThis.__PT_TEST_REDIS__?.stop();
}
