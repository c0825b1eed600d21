import{createRequire as __greenlightRequire}from'node:module';const require=__greenlightRequire(import.meta.url);
import{b as o}from"./chunks/chunk-F3FRVC7N.js";import"./chunks/chunk-DPVDMGYR.js";import"./chunks/chunk-YQLE45LJ.js";import"./chunks/chunk-IP66O5Y3.js";o();
