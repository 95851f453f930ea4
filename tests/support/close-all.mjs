// Test teardown: closes each resource in order even when closing an earlier one fails, so no
// server or browser keeps the test process alive; the first failure is thrown at the end.
export async function closeAll(...resources) {
  let failure;
  for (const resource of resources) {
    try {
      await resource?.close();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
}
