import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { mayImportModules, requireBindings, requiredModule } from './require-bindings';

const statementOf = (code: string) => ts.createSourceFile('m.cjs', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS).statements[0];
const bindingsOf = (code: string) => requireBindings(ts, statementOf(code)).map(({ local, exported, specifier }) => [local.text, exported, specifier.text]);
const expressionOf = (code: string) => (statementOf(code) as ts.ExpressionStatement).expression;

describe('requireBindings', () => {
  it.each([
    ["const { Entity } = require('electrodb');", [['Entity', 'Entity', 'electrodb']]],
    ["const { Entity: Model, Service } = require('electrodb');", [['Model', 'Entity', 'electrodb'], ['Service', 'Service', 'electrodb']]],
    ["var { 'Entity': Model } = require('electrodb');", [['Model', 'Entity', 'electrodb']]],
    ["const electro = require('electrodb');", [['electro', undefined, 'electrodb']]],
    ["let Model = require('electrodb').Entity;", [['Model', 'Entity', 'electrodb']]],
    ["const fastify = (require('fastify'));", [['fastify', undefined, 'fastify']]],
    ["const a = require('a'), { b } = require('./b');", [['a', undefined, 'a'], ['b', 'b', './b']]],
  ])('binds the names of %s as an import would', (code, expected) => {
    expect(bindingsOf(code)).toEqual(expected);
  });

  it.each([
    ["const { ...rest } = require('electrodb');"],
    ["const { Entity: { prototype } } = require('electrodb');"],
    ["const [Entity] = require('electrodb');"],
    ["const Entity = require(name).Entity;"],
    ["const Entity = load('electrodb').Entity;"],
    ["const app = require('fastify')();"],
    ["require('electrodb');"],
  ])('binds nothing a name could be followed to in %s', (code) => {
    expect(bindingsOf(code)).toEqual([]);
  });
});

describe('requiredModule', () => {
  it('reads the module of a require call written with one string, and nothing else', () => {
    expect(requiredModule(ts, expressionOf("require('fastify')"))?.text).toBe('fastify');
    expect(requiredModule(ts, expressionOf('require(`fastify`)'))?.text).toBe('fastify');
    expect(requiredModule(ts, expressionOf("require('fastify', 'x')"))).toBeUndefined();
    expect(requiredModule(ts, expressionOf("module.require('fastify')"))).toBeUndefined();
  });
});

describe('mayImportModules', () => {
  it('is true for a text that imports or requires, false otherwise', () => {
    expect(mayImportModules("import { a } from './a';")).toBe(true);
    expect(mayImportModules("const { a } = require('./a');")).toBe(true);
    expect(mayImportModules('export const a = 1;')).toBe(false);
  });
});
