package io.tiexin.people.internal;

import java.util.List;
import java.util.Map;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

/**
 * A people file refused as a whole: nothing of it was written. Each problem names its
 * entry.
 */
class PeopleImportRefusedException extends TiexinException {

	private final List<String> problems;

	PeopleImportRefusedException(String source, List<String> problems) {
		super(ErrorCode.VALIDATION, "人员文件被拒绝,未写入任何数据 (people file refused, nothing was written): " + source + "\n  - "
				+ String.join("\n  - ", problems), Map.of("problems", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return this.problems;
	}

}
