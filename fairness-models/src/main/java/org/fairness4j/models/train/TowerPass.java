package org.fairness4j.models.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a forward pass of {@link VitTower} keeps for its backward pass: the embedding's and the
 * final LayerNorm's activations and, per block, a {@link Block}. Its arrays come from, and return
 * to, an {@link ArrayPool}.
 */
final class TowerPass extends ArrayPool.Owner {
  /** Activations of one block. */
  static final class Block extends ArrayPool.Owner {
    /** Arrays from outside the pool (dropout masks): closed, not pooled. */
    final List<INDArray> foreign = new ArrayList<>();

    INDArray xIn;
    INDArray xhat1;
    float[] rstd1;
    INDArray y1;
    INDArray qkv;
    INDArray p;
    INDArray ctx;
    INDArray xMid;
    INDArray xhat2;
    float[] rstd2;
    INDArray y2;
    INDArray u;
    INDArray a;
    INDArray xOut;
    final INDArray[] mask = new INDArray[VitLora.Slot.values().length];
    final INDArray[] dropped = new INDArray[VitLora.Slot.values().length];
    final INDArray[] low = new INDArray[VitLora.Slot.values().length];

    Block(ArrayPool pool, INDArray xIn) {
      super(pool);
      this.xIn = xIn;
    }

    /** Frees every array this block allocated (except its output when keepOutput). */
    void release(boolean keepOutput) {
      for (INDArray x : owned) {
        if (!(keepOutput && x == xOut)) {
          pool.give(x);
        }
      }
      owned.clear();
      for (INDArray x : foreign) {
        x.close();
      }
      foreign.clear();
    }
  }

  final int batch;
  final long seed;
  final boolean training;
  INDArray patches;
  INDArray xhat0;
  float[] rstd0;
  final List<Block> blocks = new ArrayList<>();
  INDArray zhat;
  float[] rstdPost;
  INDArray z;
  INDArray embeds;

  TowerPass(ArrayPool pool, int batch, long seed, boolean training) {
    super(pool);
    this.batch = batch;
    this.seed = seed;
    this.training = training;
  }

  /** The projected embeddings [batch, projection]. */
  INDArray embeddings() {
    return embeds;
  }

  /** Frees every activation. */
  void close() {
    for (Block a : blocks) {
      a.release(false);
    }
    blocks.clear();
    for (INDArray x : owned) {
      pool.give(x);
    }
    owned.clear();
  }

  /** Bytes of native memory held for backward. */
  long bytes() {
    long n = ownedBytes();
    for (Block a : blocks) {
      n += a.ownedBytes();
    }
    return n;
  }
}
