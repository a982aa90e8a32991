// The public JSON API, as the explorer uses it. A key asked for on a 401 is kept in this tab's
// sessionStorage only (never localStorage, never a cookie) and sent as X-API-Key.

const KEY = "claimgraph.apiKey";

export class ApiError extends Error {
  constructor(status, body) {
    const message = body?.error?.message || `HTTP ${status}`;
    super(message);
    this.status = status;
    this.code = body?.error?.code;
  }
}

export function storedKey() {
  return sessionStorage.getItem(KEY);
}

let asking = null; // one question at a time: a view's parallel requests share its answer

function askForKey(reason) {
  if (!asking) asking = promptForKey(reason).finally(() => (asking = null));
  return asking;
}

function promptForKey(reason) {
  const dialog = document.getElementById("key-dialog");
  const input = document.getElementById("key-input");
  document.getElementById("key-reason").textContent = reason;
  input.value = "";
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => {
        const key = dialog.returnValue === "ok" ? input.value.trim() : "";
        if (key) sessionStorage.setItem(KEY, key);
        resolve(Boolean(key));
      },
      { once: true },
    );
    dialog.showModal();
    input.focus();
  });
}

/** One request to the API; on 401 it asks for a key (read or write) and tries again. */
export async function request(path, { method = "GET", body, raw = false } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: raw ? "*/*" : "application/json" };
    const key = storedKey();
    if (key) headers["X-API-Key"] = key;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && attempt < 3) {
      const write = method !== "GET";
      const reason = write
        ? `This change needs the server's write key.${key ? " The key given was not accepted for it." : ""}`
        : key
          ? "That key was not accepted. Enter the server's key again."
          : "This server needs a key to read.";
      if (await askForKey(reason)) continue;
    }
    if (!response.ok) {
      let detail = null;
      try {
        detail = await response.json();
      } catch {
        detail = null;
      }
      throw new ApiError(response.status, detail);
    }
    if (raw) return response;
    return response.status === 204 ? null : response.json();
  }
}

export function get(path, params = {}) {
  return request(withQuery(path, params));
}

export function withQuery(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(name, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export const enc = encodeURIComponent;
