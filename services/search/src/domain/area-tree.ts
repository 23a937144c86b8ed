/** The areas search knows of (from area events), for area paths and "this area and everything inside it". */
export interface AreaNode {
  id: string;
  parentId: string | null;
  name: string;
}

const SEPARATOR = ' / ';

export class AreaTree {
  private readonly byId = new Map<string, AreaNode>();
  private readonly children = new Map<string, string[]>();

  constructor(areas: AreaNode[]) {
    for (const area of areas) this.byId.set(area.id, area);
    for (const area of areas) {
      if (area.parentId === null) continue;
      const list = this.children.get(area.parentId) ?? [];
      list.push(area.id);
      this.children.set(area.parentId, list);
    }
  }

  /** Names from the root down to the area ("Singapore / Central / Bishan"); null for an unknown area. */
  path(areaId: string | null): string | null {
    if (areaId === null || !this.byId.has(areaId)) return null;
    const names: string[] = [];
    const seen = new Set<string>();
    let at: AreaNode | undefined = this.byId.get(areaId);
    while (at && !seen.has(at.id)) {
      seen.add(at.id);
      names.unshift(at.name);
      at = at.parentId === null ? undefined : this.byId.get(at.parentId);
    }
    return names.join(SEPARATOR);
  }

  /** The area and all its descendants. */
  subtree(areaId: string): string[] {
    const out: string[] = [];
    const stack = [areaId];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (out.includes(id)) continue;
      out.push(id);
      stack.push(...(this.children.get(id) ?? []));
    }
    return out;
  }
}
