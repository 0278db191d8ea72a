console.log("cg");
