package io.tiexin.petition;

public enum Urgency {

	NORMAL, URGENT, EMERGENCY

}
