import { GiB, type LanguageDefinition } from "./language";
import { javaEntryPoint } from "./java-entry-point";

// A serial collector and no perf-data file start the JVM fastest on one pinned CPU; javac, which
// runs briefly, is fastest with the C1 compiler alone.
const JVM_FLAGS = ["-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto"] as const;

export const java: LanguageDefinition = {
  id: "java",
  name: "Java",
  aliases: [],
  sourceFile: "Main.java",
  entryPoint: javaEntryPoint,
  compile: {
    argv: ["javac", ...JVM_FLAGS.map((flag) => `-J${flag}`), "-J-XX:TieredStopAtLevel=1", "-J-Xmx{memoryMiB}m", "-encoding", "UTF-8", "{file}"],
    limits: { wallSeconds: 30 },
  },
  // -ea: MultiPL-E's Java programs check their results with assert statements.
  run: ["java", ...JVM_FLAGS, "-Xss64m", "-Xmx{memoryMiB}m", "-ea", "-cp", ".", "{main}"],
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "java\\.lang\\.OutOfMemoryError|insufficient memory for the Java Runtime|Could not reserve enough space",
  toolchain: { version: ["javac", "-version"], packages: ["default-jdk-headless"] },
};
