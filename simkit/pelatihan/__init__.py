"""The training kit (issue 12): workshop episodes and their validator, the facilitator's
material, handouts, and the before/after measurement of resistance.

The texts themselves live in ``training/`` (episodes, guide, quiz bank, instrument); this
package reads, checks, builds and analyses them. It sits above :mod:`simkit.widgets` (the quiz
bank loader, the forms) and below :mod:`simkit.orchestration`.
"""
