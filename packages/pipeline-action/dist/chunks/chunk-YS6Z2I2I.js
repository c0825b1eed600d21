import{createRequire as __greenlightRequire}from'node:module';const require=__greenlightRequire(import.meta.url);
var o=new Set(["CodeDeployToECS","CodeDeploy"]),l=e=>o.has(e??""),n=e=>e==="CodeBuild";var d={RollingBack:"rolling-back",Ended:"ended",Denied:"denied",Failed:"failed"};export{l as a,n as b,d as c};
