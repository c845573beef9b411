import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * The base URL that phones in the room can open when no ORIGIN is configured. `localhost` and
 * 127.0.0.1 only work on the server itself: a stage showing them sends every phone nowhere. When
 * the server listens on all interfaces, the machine's LAN address is what the venue Wi-Fi reaches.
 */
export function reachableUrl(host: string, port: number, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string {
	const name = (isWildcard(host) ? lanAddress(interfaces) : host) ?? 'localhost';
	return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/** Bridges and tunnels of containers, VMs and VPNs: phones in the room are never behind them. */
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|lxc|lxd|cni|flannel|cali|podman|tun|tap|wg|zt|tailscale|utun)/;

/** The first private IPv4 address (10/8, 172.16/12, 192.168/16) of a real interface, else any non-internal IPv4 there, else null. */
export function lanAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string | null {
	const v4 = Object.entries(interfaces)
		.filter(([name]) => !VIRTUAL.test(name))
		.flatMap(([, list]) => list ?? [])
		.filter((i) => i.family === 'IPv4' && !i.internal && !i.address.startsWith('169.254.'))
		.map((i) => i.address);
	return v4.find(isPrivate) ?? v4[0] ?? null;
}

export function isLoopback(host: string): boolean {
	const h = host.replace(/^\[|\]$/g, '').toLowerCase();
	return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h.startsWith('127.');
}

function isWildcard(host: string): boolean {
	return host === '0.0.0.0' || host === '::' || host === '';
}

function isPrivate(ip: string): boolean {
	const [a, b] = ip.split('.').map(Number);
	return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
