package dev.strangler.customers;

import java.util.List;

/**
 * One page of a list endpoint ({@code ?page=0&size=20}), in the monolith's shape.
 *
 * @param items      this page's items
 * @param page       zero-based page number
 * @param size       page size asked for
 * @param totalItems how many items exist in all
 * @param totalPages how many pages of {@code size} that makes
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> PageResponse<T> of(List<T> items, int page, int size, long totalItems) {
        return new PageResponse<>(items, page, size, totalItems, (totalItems + size - 1) / size);
    }
}
