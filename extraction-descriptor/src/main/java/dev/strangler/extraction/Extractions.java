package dev.strangler.extraction;

import dev.strangler.extraction.internal.Binder;
import dev.strangler.extraction.internal.SchemaCheck;
import dev.strangler.extraction.internal.YamlPositions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The extractions of a directory ({@code extractions/*.yaml}), each validated against the JSON Schema and itself,
 * and all of them against each other: two extractions cannot claim one route or one table. Reading is all or
 * nothing: any problem in any file refuses the whole set, so that no engine starts half-configured.
 */
public final class Extractions {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final List<Extraction> all;

    private Extractions(List<Extraction> all) {
        this.all = List.copyOf(all);
    }

    /** Every {@code *.yaml} of {@code directory}, in name order. */
    public static Extractions load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidDescriptorException(List.of(new DescriptorProblem(directory, 0, "",
                    "no such directory: the extractions directory holds one <name>.yaml per extraction")));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return of(files);
    }

    /** The given descriptor files, checked one by one and against each other. */
    public static Extractions of(List<Path> files) {
        List<DescriptorProblem> problems = new ArrayList<>();
        List<Extraction> read = new ArrayList<>();
        Map<Path, YamlPositions> positions = new HashMap<>();
        for (Path file : files) {
            try {
                Parsed p = parse(file);
                positions.put(file, p.positions());
                read.add(p.extraction());
            } catch (InvalidDescriptorException e) {
                problems.addAll(e.problems());
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(Overlaps.between(read, positions));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDescriptorException(problems);
        }
        return new Extractions(read);
    }

    /** One descriptor on its own. */
    public static Extraction read(Path file) {
        return parse(file).extraction();
    }

    record Parsed(Extraction extraction, YamlPositions positions) {
    }

    private static Parsed parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidDescriptorException(List.of(new DescriptorProblem(file, 0, "", "cannot read: " + e)));
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidDescriptorException(List.of(new DescriptorProblem(file, line, "",
                    "not valid YAML: " + e.getOriginalMessage())));
        }
        YamlPositions positions = YamlPositions.of(text);
        if (root == null || !root.isObject()) {
            throw new InvalidDescriptorException(List.of(new DescriptorProblem(file, 1, "",
                    "is not a YAML mapping of an extraction")));
        }
        List<SchemaCheck.Finding> findings = SchemaCheck.check(root);
        if (findings.isEmpty()) {
            Binder binder = new Binder();
            Extraction extraction = binder.bind(root, file);
            findings = binder.problems();
            if (findings.isEmpty()) {
                return new Parsed(extraction, positions);
            }
        }
        throw new InvalidDescriptorException(findings.stream()
                .map(f -> new DescriptorProblem(file, positions.lineOf(f.path()), f.path(), f.message())).toList());
    }

    public List<Extraction> all() {
        return all;
    }

    public Optional<Extraction> find(String name) {
        return all.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The extraction called {@code name}; the message lists the known ones. */
    public Extraction get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no extraction '" + name + "'; known: "
                + all.stream().map(Extraction::name).toList()));
    }

    /** Every route of every extraction, with the extraction it belongs to. */
    public List<Owned<RouteSpec>> routes() {
        List<Owned<RouteSpec>> out = new ArrayList<>();
        all.forEach(e -> e.routes().forEach(r -> out.add(new Owned<>(e, r))));
        return out;
    }

    /** Every table pair of every extraction, with the extraction it belongs to. */
    public List<Owned<TablePair>> tablePairs() {
        List<Owned<TablePair>> out = new ArrayList<>();
        all.forEach(e -> e.data().forEach(t -> out.add(new Owned<>(e, t))));
        return out;
    }

    /** A part of an extraction, with the extraction. */
    public record Owned<T>(Extraction extraction, T part) {
    }
}
