package io.tiexin.grid.internal;

import java.util.List;
import java.util.Map;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

/**
 * An area file refused as a whole: nothing of it was written. Each problem names its
 * feature.
 */
public class AreaImportRefusedException extends TiexinException {

	private final List<String> problems;

	AreaImportRefusedException(String source, List<String> problems) {
		super(ErrorCode.VALIDATION, "区域文件被拒绝,未写入任何数据 (area file refused, nothing was written): " + source + "\n  - "
				+ String.join("\n  - ", problems), Map.of("problems", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
