import { describe, expect, it } from '@jest/globals';
import { Scope, SCOPES, scopeDefinition } from '../src/scopes.js';

describe('the scope registry', () => {
  it('describes every scope the subgraphs check, once', () => {
    const names = SCOPES.map((scope) => scope.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.values(Scope).sort());
    expect(SCOPES.every((scope) => scope.description.length > 0)).toBe(true);
  });

  it('lets anyone narrow a key, and leaves granting rights to admins', () => {
    expect(scopeDefinition('read')?.kind).toBe('narrows');
    expect(scopeDefinition('tenancy:write')?.kind).toBe('narrows');
    expect(scopeDefinition('catalog:write')?.kind).toBe('grants');
    expect(scopeDefinition('admin')?.kind).toBe('grants');
    expect(scopeDefinition('everything')).toBeUndefined();
  });
});
