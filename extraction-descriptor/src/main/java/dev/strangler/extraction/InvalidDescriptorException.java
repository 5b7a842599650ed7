package dev.strangler.extraction;

import java.util.List;
import java.util.stream.Collectors;

/** A descriptor (or a set of them) that must not be used: every problem found, each with its file, line and field. */
public final class InvalidDescriptorException extends RuntimeException {

    private final List<DescriptorProblem> problems;

    public InvalidDescriptorException(List<DescriptorProblem> problems) {
        super(problems.stream().map(DescriptorProblem::toString)
                .collect(Collectors.joining("\n  ", "invalid extraction descriptor:\n  ", "")));
        this.problems = List.copyOf(problems);
    }

    public List<DescriptorProblem> problems() {
        return problems;
    }
}
