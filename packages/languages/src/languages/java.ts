import { defineLanguage } from "../declaration";
import { JVM_ADDRESS_SPACE_HEADROOM, JVM_COMPILER_FLAGS, JVM_OUT_OF_MEMORY, JVM_RUN_FLAGS } from "../jvm";

const JAVAC_FLAGS = JVM_COMPILER_FLAGS.map((flag) => `-J${flag}`);

export const java = defineLanguage({
  id: "java",
  name: "Java",
  aliases: [],
  autoCodeBench: "java",
  // Unless the program's public class names it otherwise: the executor reads the source for it.
  sourceFile: "Main.java",
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
  // -ea: MultiPL-E's Java programs check their results with assert statements.
  run: ["java", ...JVM_RUN_FLAGS, "-ea", "-cp", ".", "{main}"],
  addressSpaceHeadroom: JVM_ADDRESS_SPACE_HEADROOM,
  outOfMemory: JVM_OUT_OF_MEMORY,
  toolchain: { version: ["javac", "-version"], packages: ["default-jdk-headless"] },
});
