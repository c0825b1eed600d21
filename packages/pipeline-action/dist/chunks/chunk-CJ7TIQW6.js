import{createRequire as __greenlightRequire}from'node:module';const require=__greenlightRequire(import.meta.url);
var t=(r,n)=>{if(r.length<=n)return r;let c=/[\uD800-\uDBFF]/.test(r.charAt(n-1))?n-1:n;return`${r.slice(0,c)} … (${r.length-c} characters cut)`};export{t as a};
