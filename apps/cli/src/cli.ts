import { Command, CommanderError } from "commander";
import { registerDoctor } from "./commands/doctor";
import { registerEval } from "./commands/eval";
import { registerExec } from "./commands/exec";
import { registerList } from "./commands/list";
import { registerReport } from "./commands/report";
import { registerRun } from "./commands/run";
import { registerServe } from "./commands/serve";
import { registerStatus } from "./commands/status";
import { registerSweep } from "./commands/sweep";
import { registerWorker } from "./commands/worker";
import { describeError } from "./describe-error";

const program = new Command("cg")
  .description("CodeGenerator: measure how well large language models write code")
  .version("0.1.0")
  .showHelpAfterError()
  .exitOverride();

registerRun(program);
registerSweep(program);
registerEval(program);
registerExec(program);
registerReport(program);
registerList(program);
registerWorker(program);
registerStatus(program);
registerDoctor(program);
registerServe(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    const { message, exitCode } = describeError(error);
    process.stderr.write(`cg: ${message}\n`);
    process.exitCode = exitCode;
  }
}
