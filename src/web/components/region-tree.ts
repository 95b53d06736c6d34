/**
 * The lazily loaded region tree behind RegionPicker, as pure functions. Region codes are
 * normalised so that an ancestor's code is a prefix of its descendants' (domain/shared/region-code.ts);
 * that is what lets a bare code be placed in a tree that is only partly loaded.
 */
import type { Region } from '../api/types.ts';

export interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  /** Undefined until loaded. */
  children?: RegionOption[];
}

export function toOption(r: Region): RegionOption {
  return { value: r.code, label: r.name, isLeaf: !r.hasChildren };
}

/** The tree with `code`'s children set; other nodes are shared, not copied. */
export function withChildren(
  options: readonly RegionOption[],
  code: string,
  children: RegionOption[],
): RegionOption[] {
  return options.map((o) => {
    if (o.value === code) return { ...o, children, isLeaf: children.length === 0 };
    if (o.children && code.startsWith(o.value))
      return { ...o, children: withChildren(o.children, code, children) };
    return o;
  });
}

export interface ResolvedPath {
  /** Codes from a root down as far as the loaded tree reaches. */
  path: string[];
  /** True when the path ends at the code itself. */
  complete: boolean;
  /** The node whose children must be loaded to go further. */
  loadNext?: string;
}

/** Where `code` sits in the loaded tree, and what to load next to reach it. */
export function resolvePath(options: readonly RegionOption[], code: string): ResolvedPath {
  const path: string[] = [];
  let level: readonly RegionOption[] | undefined = options;
  while (level) {
    const node: RegionOption | undefined = level.find((o) => code.startsWith(o.value));
    if (!node) break;
    path.push(node.value);
    if (node.value === code) return { path, complete: true };
    if (!node.children)
      return node.isLeaf ? { path, complete: false } : { path, complete: false, loadNext: node.value };
    level = node.children;
  }
  return { path, complete: false };
}
