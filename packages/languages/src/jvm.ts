import { GiB } from "./declaration";

/**
 * What every language on the JVM shares. A serial collector and no perf-data file start the JVM
 * fastest on one pinned CPU.
 */
export const JVM_FLAGS = ["-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto"] as const;

/**
 * A compiler on the JVM (javac, kotlinc, scalac) runs for a few seconds at most: with the C1
 * compiler alone, kotlinc and scalac compile a small program in a third to nearly half less CPU
 * time than with tiered compilation, whose C2 work never pays off in so short a run.
 */
export const JVM_COMPILER_FLAGS = [...JVM_FLAGS, "-XX:TieredStopAtLevel=1", "-Xmx{memoryMiB}m"] as const;

/**
 * A program's JVM. The heap starts small and may grow to the memory limit (the default initial
 * heap, a 64th of the machine's memory, would differ between machines). Thread stacks count
 * against the limit, and -Xss sizes every Java thread's stack, so it keeps its default (1 MiB):
 * deep recursion needs a thread of its own, as on judges that account for memory this way.
 */
export const JVM_RUN_FLAGS = [...JVM_FLAGS, "-Xms32m", "-Xmx{memoryMiB}m"] as const;

/** The JVM reserves gigabytes of address space it never touches (heap, code cache, metaspace). */
export const JVM_ADDRESS_SPACE_HEADROOM = 4 * GiB;

export const JVM_OUT_OF_MEMORY =
  "java\\.lang\\.OutOfMemoryError|insufficient memory for the Java Runtime|os::commit_memory|Could not reserve enough space";
