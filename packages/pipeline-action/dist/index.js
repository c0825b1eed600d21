import{createRequire as __greenlightRequire}from'node:module';const require=__greenlightRequire(import.meta.url);
import{b as o}from"./chunks/chunk-CVDOQXRK.js";import"./chunks/chunk-DIZBWVB5.js";import"./chunks/chunk-WWQ7IBVN.js";import"./chunks/chunk-LU4LUR7T.js";import"./chunks/chunk-CJ7TIQW6.js";import"./chunks/chunk-YQLE45LJ.js";import"./chunks/chunk-IP66O5Y3.js";o();
