/**
 * Coding answers in the shapes models give them, for the differential tests: each must leave
 * the same code under the authors' `parse_response` and under the reference profile. A function
 * to complete when `entryPoint` is given, else a program.
 */
export function codeAnswerShapes(entryPoint: string | undefined, label: string): string[] {
  const code = entryPoint ? `def ${entryPoint}(*args):\n    return "${label}"` : `print(input())  # ${label}`;
  const other = entryPoint ? `def helper():\n    return "other"` : `print("other")`;
  return [
    // Prose around one block tagged with the language.
    `Here is my solution.\n\n\`\`\`python\n${code}\n\`\`\`\n\nIt runs in linear time.`,
    // No fence at all: the whole answer is the code.
    `${code}\n`,
    // Reasoning with a block of its own, then the answer.
    `<think>First try:\n\`\`\`python\n${other}\n\`\`\`\nNo, better:</think>\n\`\`\`python3\n${code}\n\`\`\``,
    // Two tags: the one later in parse_response's list decides, wherever its block is.
    `\`\`\`python3\n${code}\n\`\`\`\nOr, shorter:\n\`\`\`python\n${other}\n\`\`\``,
    // The closing fence right after the code: the match tuple's join appends the last character.
    `\`\`\`python\n${code}\`\`\``,
  ];
}
