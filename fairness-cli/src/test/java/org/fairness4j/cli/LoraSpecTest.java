package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.fairness4j.models.adapt.LoraConfig;
import org.junit.jupiter.api.Test;

/** {@code --lora}: presets, dropout and blocks. */
class LoraSpecTest {
  @Test
  void dropoutAndBlocksAreParsed() {
    LoraConfig c = TrainingOptions.loraConfig("8:16:qkv,out:0.1:0-2,11");
    assertEquals(8, c.rank());
    assertEquals(16.0, c.alpha());
    assertEquals(0.1, c.dropout());
    assertEquals(Set.of(LoraConfig.Target.QKV_FUSED, LoraConfig.Target.OUT), c.targets());
    assertEquals(List.of(0, 1, 2, 11), List.copyOf(c.blocks()));
    assertTrue(TrainingOptions.loraConfig("4:4:fc1").blocks().isEmpty(), "all blocks");
  }

  /** peft on open_clip's nn.MultiheadAttention: in_proj and out_proj, 73,728 values per block. */
  @Test
  void theMultiheadAttentionPresetAdaptsInProjAndOutProj() {
    LoraConfig mha = TrainingOptions.loraConfig("mha");
    assertEquals(73_728, mha.parameterCount(1, 768, 3072));
    assertEquals(49_152, TrainingOptions.loraConfig("authors").parameterCount(1, 768, 3072));
  }

  @Test
  void badSpecsNameThemselves() {
    for (String bad : List.of("8:16", "8:16:q:1.5", "8:16:q:0:3-1", "8:16:zz")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TrainingOptions.loraConfig(bad));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
