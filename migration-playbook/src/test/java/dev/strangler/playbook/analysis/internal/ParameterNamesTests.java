package dev.strangler.playbook.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterNamesTests {

    @Test
    void decodesParameterTypesOfADescriptor() {
        assertThat(ParameterNames.parameterTypes("(Ljava/lang/String;[IJ[[Ldev/x/Card;Z)V"))
                .containsExactly("java.lang.String", "int[]", "long", "dev.x.Card[][]", "boolean");
        assertThat(ParameterNames.parameterTypes("()V")).isEmpty();
    }

    @Test
    void readsParameterNamesFromAClassFileCompiledWithParameters() throws IOException {
        // the monolith's build (Spring Boot's parent) compiles with -parameters
        Path shopPages = Path.of("..", "legacy-monolith", "target", "classes", "dev", "strangler", "legacy", "web",
                "ShopPages.class");
        assertThat(shopPages).as("build the monolith first").exists();

        List<ParameterNames.Parameter> parameters = ParameterNames.of(Files.readAllBytes(shopPages));

        assertThat(parameters).extracting(ParameterNames.Parameter::method, ParameterNames.Parameter::name,
                        ParameterNames.Parameter::type)
                .contains(tuple("checkout", "cardNumber", "java.lang.String"));
    }

    @Test
    void readsConstructorAndMethodParametersOfAnyClassFile() throws IOException {
        // this toolkit shares the monolith's parent build, so it is compiled with -parameters too
        try (InputStream in = ParameterNames.class.getResourceAsStream("ParameterNames$Parameter.class")) {
            assertThat(in).isNotNull();
            assertThat(ParameterNames.of(in.readAllBytes()))
                    .extracting(ParameterNames.Parameter::method, ParameterNames.Parameter::index,
                            ParameterNames.Parameter::name)
                    .contains(tuple("<init>", 0, "method"), tuple("<init>", 3, "type"));
        }
    }

    @Test
    void rejectsWhatIsNotAClassFile() {
        assertThatIOException().isThrownBy(() -> ParameterNames.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .withMessage("not a class file");
    }
}
