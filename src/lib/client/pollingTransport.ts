// The long-polling fallback, loaded only after a WebSocket could not be opened (see connection.ts).
export { XHR, WebSocket } from 'engine.io-client';
