import{createRequire as __greenlightRequire}from'node:module';const require=__greenlightRequire(import.meta.url);
import{b as o}from"./chunks/chunk-LWJBGNAA.js";import"./chunks/chunk-3BMGHFPG.js";import"./chunks/chunk-WWQ7IBVN.js";import"./chunks/chunk-CJ7TIQW6.js";import"./chunks/chunk-ZLXP3XDB.js";import"./chunks/chunk-AOG3TDLV.js";import"./chunks/chunk-IP66O5Y3.js";o();
