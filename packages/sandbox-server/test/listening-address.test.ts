import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { listeningAddress } from "../src/listening-address";

const common = { netmask: "", mac: "00:00:00:00:00:00", cidr: null };
const interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = {
  eth0: [
    { ...common, address: "192.0.2.2", family: "IPv4", internal: false },
    { ...common, address: "fd00::2", family: "IPv6", internal: false, scopeid: 0 },
    { ...common, address: "fe80::1", family: "IPv6", internal: false, scopeid: 2 },
  ],
  lo: [
    { ...common, address: "127.0.0.1", family: "IPv4", internal: true },
    { ...common, address: "::1", family: "IPv6", internal: true, scopeid: 0 },
  ],
};

describe("listeningAddress", () => {
  it("names the one address a server bound to a specific one listens on", () => {
    expect(listeningAddress({ address: "127.0.0.1", family: "IPv4", port: 8080 }, interfaces)).toEqual({
      url: "http://127.0.0.1:8080",
      urls: ["http://127.0.0.1:8080"],
      allInterfaces: false,
      boundTo: "127.0.0.1:8080",
    });
    expect(listeningAddress({ address: "::1", family: "IPv6", port: 80 }, interfaces).url).toBe("http://[::1]:80");
  });

  it("turns 0.0.0.0 into this machine's IPv4 addresses, loopback first", () => {
    expect(listeningAddress({ address: "0.0.0.0", family: "IPv4", port: 8080 }, interfaces)).toEqual({
      url: "http://127.0.0.1:8080",
      urls: ["http://127.0.0.1:8080", "http://192.0.2.2:8080"],
      allInterfaces: true,
      boundTo: "0.0.0.0:8080",
    });
  });

  it("turns :: into IPv6 and IPv4 addresses, leaving out link-local ones that need a zone", () => {
    expect(listeningAddress({ address: "::", family: "IPv6", port: 9000 }, interfaces)).toEqual({
      url: "http://[::1]:9000",
      urls: ["http://[::1]:9000", "http://127.0.0.1:9000", "http://[fd00::2]:9000", "http://192.0.2.2:9000"],
      allInterfaces: true,
      boundTo: "[::]:9000",
    });
  });
});
