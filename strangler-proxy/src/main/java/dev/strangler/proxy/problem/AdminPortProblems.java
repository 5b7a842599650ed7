package dev.strangler.proxy.problem;

import dev.strangler.support.problem.ProblemResponses;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Gives Spring's own errors on the admin port (404 for an unknown page, 405, 406, 415, an unexpected exception) a
 * stable {@code type} and wording that quotes nothing back, as in the monolith and the extracted services: with
 * problem details on, Spring writes them without a type, and some of its details repeat the caller's path. The admin
 * API's own problems are answered by its controller's handlers before they get here.
 */
@RestControllerAdvice
class AdminPortProblems extends ProblemResponses {

    @Override
    protected boolean isOwnProblem(Exception ex) {
        return false;
    }
}
