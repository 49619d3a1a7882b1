package org.ascolto.routing.domain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ascolto.contracts.RoutingDecision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One classification (language, Lucene terms, both models, urgency cues, reasons) on one thread, cycling
 * through the development messages, by milan-11 (in service) and, as a same-run reference, by milan-10 (the version
 * before). Run with {@code routing-service/bench.sh classify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = "-Xmx1g")
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 3)
public class ClassificationBenchmark {

    @Param({"milan-11", "milan-10"})
    public String model;

    private ContactClassifier classifier;
    private List<String> messages;
    private int next;

    @Setup
    public void train() {
        classifier = HeldOutEvaluation.classifier(HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", model)));
        messages = HeldOutEvaluation.heldOutTexts();
    }

    @Benchmark
    public RoutingDecision classify() {
        next = (next + 1) % messages.size();
        return classifier.classify(messages.get(next));
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ClassificationBenchmark.class.getName()).build()).run();
    }
}
