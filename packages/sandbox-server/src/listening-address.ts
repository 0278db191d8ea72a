import type { AddressInfo } from "node:net";
import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";

/** Where a listening server can be reached, rather than the address it was bound to. */
export interface ListeningAddress {
  /** A URL that reaches the server from this machine. */
  url: string;
  /** Every URL that reaches it: on a wildcard address, one per address of this machine, loopback first. */
  urls: string[];
  /** Whether it listens on every interface (bound to `0.0.0.0` or `::`). */
  allInterfaces: boolean;
  /** The address and port it is bound to, as the operating system reports them (`0.0.0.0:8080`). */
  boundTo: string;
}

/**
 * The URLs of a server bound to `bound`. A wildcard address is no URL: it stands for each address
 * of this machine (`::` for IPv4 ones too, as Node binds it dual-stack).
 */
export function listeningAddress(bound: AddressInfo, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): ListeningAddress {
  const boundTo = `${hostOf(bound.address)}:${bound.port}`;
  const allInterfaces = bound.address === "0.0.0.0" || bound.address === "::";
  if (!allInterfaces) {
    const url = `http://${boundTo}`;
    return { url, urls: [url], allInterfaces, boundTo };
  }
  const families = bound.address === "::" ? ["IPv6", "IPv4"] : ["IPv4"];
  const local = Object.values(interfaces)
    .flatMap((infos) => infos ?? [])
    // Link-local IPv6 addresses need a zone to be reached, which URLs cannot carry portably.
    .filter((info) => families.includes(info.family) && !(info.family === "IPv6" && info.address.toLowerCase().startsWith("fe80:")))
    .sort((a, b) => Number(b.internal) - Number(a.internal) || families.indexOf(a.family) - families.indexOf(b.family));
  const loopback = bound.address === "::" ? "::1" : "127.0.0.1";
  const addresses = [...new Set([loopback, ...local.map((info) => info.address)])];
  const urls = addresses.map((address) => `http://${hostOf(address)}:${bound.port}`);
  return { url: urls[0]!, urls, allInterfaces, boundTo };
}

function hostOf(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}
