import { GiB, type LanguageDefinition } from "./language";
import { javaEntryPoint } from "./java-entry-point";

// A serial collector and no perf-data file start the JVM fastest on one pinned CPU; javac, which
// runs briefly, is fastest with the C1 compiler alone.
const JVM_FLAGS = ["-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto"] as const;

const JAVAC_FLAGS = [...JVM_FLAGS.map((flag) => `-J${flag}`), "-J-XX:TieredStopAtLevel=1", "-J-Xmx{memoryMiB}m"];

export const java: LanguageDefinition = {
  id: "java",
  name: "Java",
  aliases: [],
  sourceFile: "Main.java",
  entryPoint: javaEntryPoint,
  compile: {
    argv: ["javac", ...JAVAC_FLAGS, "-encoding", "UTF-8", "{file}"],
    limits: { wallSeconds: 30 },
  },
  // javac spends much of its time loading its own classes: an archive of them, dumped once after
  // compiling a small program, is mapped by every later javac of the same JDK and flags.
  compilerCache: {
    files: { "Main.java": "import java.util.*;\npublic class Main {\n  public static void main(String[] args) {\n    List<Integer> xs = new ArrayList<>(List.of(3, 1, 2));\n    Collections.sort(xs);\n    System.out.println(xs);\n  }\n}\n" },
    build: ["javac", ...JAVAC_FLAGS, "-J-XX:ArchiveClassesAtExit={output}", "Main.java"],
    artifact: "javac.jsa",
    use: ["-J-XX:SharedArchiveFile={dir}/javac.jsa"],
  },
  // The heap starts small and may grow to the memory limit (the default initial heap, a 64th of
  // the machine's memory, would differ between machines). Thread stacks count against the limit,
  // and -Xss sizes every Java thread's stack, so it keeps its default (1 MiB): deep recursion
  // needs a thread of its own, as on judges that account for memory this way.
  // -ea: MultiPL-E's Java programs check their results with assert statements.
  run: ["java", ...JVM_FLAGS, "-Xms32m", "-Xmx{memoryMiB}m", "-ea", "-cp", ".", "{main}"],
  addressSpaceHeadroom: 4 * GiB,
  outOfMemory: "java\\.lang\\.OutOfMemoryError|insufficient memory for the Java Runtime|os::commit_memory|Could not reserve enough space",
  toolchain: { version: ["javac", "-version"], packages: ["default-jdk-headless"] },
};
