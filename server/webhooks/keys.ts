import { deriveKey } from "../auth/encryption";

const cache = new Map<string, Buffer>();

/** The key that seals webhook signing secrets, derived once per server secret. */
export function webhookKey(serverSecret: string): Buffer {
  let key = cache.get(serverSecret);
  if (!key) {
    key = deriveKey(serverSecret, "trainyard webhook secrets");
    cache.set(serverSecret, key);
  }
  return key;
}
