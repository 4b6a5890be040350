package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {
  private static EpochLog log(int epoch, Object... namesAndValues) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
    }
    return new EpochLog(epoch, m);
  }

  @Test
  void ofHoldsTheEpochsGivenAndSaysItRanThrough() {
    History h =
        History.of(List.of(log(0, "loss", 0.5, "lr", 0.1), log(1, "loss", 0.25, "lr", 0.1)));
    assertEquals(List.of(0.5, 0.25), h.metric("loss"));
    assertEquals(2, h.size());
    assertTrue(h.stopReason().isEmpty());
    assertTrue(!h.diverged());
  }

  @Test
  void csvRoundTripsExactlyWithAbsentValues() {
    History h =
        new History(
            List.of(
                log(0, "loss", 0.1 + 0.2, "lr", 1e-4),
                log(1, "loss", Double.NaN, "val_loss", 1.0 / 3, "lr", 1e-4)),
            null,
            false);

    String csv = h.toCsv();

    assertEquals(
        "epoch,loss,lr,val_loss\n0,0.30000000000000004,1.0E-4,\n1,NaN,1.0E-4,0.3333333333333333\n",
        csv);
    History back = History.parseCsv(csv);
    assertEquals(csv, back.toCsv());
    assertEquals(0.1 + 0.2, back.epochs().get(0).get("loss"));
    assertTrue(back.epochs().get(0).find("val_loss").isEmpty());
  }

  @Test
  void metricListsOneValuePerEpochAndNamesWhatWasRecorded() {
    History h =
        new History(List.of(log(0, "loss", 2.0), log(1, "loss", 1.0, "acc", 0.5)), null, false);

    assertEquals(List.of(2.0, 1.0), h.metric("loss"));
    assertTrue(Double.isNaN(h.metric("acc").get(0)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> h.metric("val_loss"));
    assertEquals("History: no metric 'val_loss' (recorded: loss, acc)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> h.epochs().get(0).get("acc"));
    assertEquals("epoch 0 has no metric 'acc' (it has loss)", e.getMessage());
    assertEquals(1, h.last().orElseThrow().epoch());
    assertTrue(History.empty().last().isEmpty());
  }

  @Test
  void malformedCsvAndNamesAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> History.parseCsv("step,loss\n"));
    assertEquals("history CSV: line 1 must start with 'epoch', got 'step,loss'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> History.parseCsv("epoch,loss\n0,1,2\n"));
    assertEquals("history CSV: line 2 has 3 fields, the header 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> History.parseCsv("epoch,loss\n0,x\n"));
    assertTrue(e.getMessage().startsWith("history CSV: line 2 holds a value that is not a number"));
    e = assertThrows(IllegalArgumentException.class, () -> log(0, "a,b", 1.0));
    assertTrue(e.getMessage().startsWith("metric name 'a,b' is not allowed"));
  }
}
