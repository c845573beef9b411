import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { isLoopback, lanAddress, reachableUrl } from './reachableUrl';

const nic = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4') => ({ address, internal, family }) as NetworkInterfaceInfo;
const machine = { lo: [nic('127.0.0.1', true), nic('::1', true, 'IPv6')], docker0: [nic('172.17.0.1')], wlan0: [nic('fe80::1', false, 'IPv6'), nic('192.168.1.23')] };

describe('reachable URL without ORIGIN', () => {
	it('listening on all interfaces: the LAN address, never localhost', () => {
		expect(reachableUrl('0.0.0.0', 3000, { eth0: [nic('203.0.113.5')], ...machine })).toBe('http://192.168.1.23:3000');
		expect(reachableUrl('0.0.0.0', 3000, { eth0: [nic('203.0.113.5')] })).toBe('http://203.0.113.5:3000');
		expect(reachableUrl('::', 8080, { wlan0: machine.wlan0 })).toBe('http://192.168.1.23:8080');
	});
	it('skips the bridges of containers, VMs and VPNs, whatever order the system lists them in', () => {
		const laptop = { docker0: [nic('172.17.0.1')], virbr0: [nic('192.168.122.1')], 'br-1a2b': [nic('172.18.0.1')], wg0: [nic('10.8.0.2')], enx00e04c: [nic('10.1.2.3')] };
		expect(lanAddress(laptop)).toBe('10.1.2.3');
		expect(lanAddress({ docker0: [nic('172.17.0.1')] })).toBeNull();
	});
	it('prefers private ranges and skips loopback and link-local addresses', () => {
		expect(lanAddress({ a: [nic('169.254.3.4'), nic('8.8.8.8'), nic('10.0.0.7')] })).toBe('10.0.0.7');
		expect(lanAddress({ lo: machine.lo })).toBeNull();
	});
	it('a machine with no network falls back to localhost', () => {
		expect(reachableUrl('0.0.0.0', 3000, { lo: machine.lo })).toBe('http://localhost:3000');
	});
	it('a specific address is used as it is (a loopback one too: nothing else can reach that server)', () => {
		expect(reachableUrl('127.0.0.1', 3000, machine)).toBe('http://127.0.0.1:3000');
		expect(reachableUrl('192.168.5.5', 80, machine)).toBe('http://192.168.5.5:80');
		expect(reachableUrl('fd00::5', 80, machine)).toBe('http://[fd00::5]:80');
	});
	it('knows loopback names', () => {
		for (const h of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) expect(isLoopback(h)).toBe(true);
		for (const h of ['192.168.1.2', 'vote.example.org', '::']) expect(isLoopback(h)).toBe(false);
	});
});
