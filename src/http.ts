// Entry of the lazily loaded HTTP bundle (dist/http.js): undici, transport, decoding.
export {};
