/**
 * Reading prediction tables from CSV ({@code PredictionTableCsv}, {@code CsvRowSource}, {@code
 * CsvRecordReader}) by a {@code CsvTableSpec}, and coding rows by the same rules without holding
 * them ({@code TableCoder}, {@code CellCounts}, {@code AggregatedTable}, {@code RowGrouper}) for
 * the streaming and Apache Spark engines. Bad input is a {@code TableFormatException} naming the
 * file, line and column.
 */
package org.fairness4j.core.table.csv;
