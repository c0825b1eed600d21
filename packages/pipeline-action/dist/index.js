import{createRequire as __greenlightRequire}from'node:module';const require=__greenlightRequire(import.meta.url);
import{b as o}from"./chunks/chunk-CN4C4S3T.js";import"./chunks/chunk-S7L3RWSB.js";import"./chunks/chunk-WWQ7IBVN.js";import"./chunks/chunk-YQLE45LJ.js";import"./chunks/chunk-IP66O5Y3.js";o();
